package dev.switchboard.gateway.delivery;

import java.util.Optional;

/**
 * A task this worker leased, with its inputs when the claim could read them in the same statement.
 *
 * @param inputs empty when the executor must read state and link itself (H2)
 */
record ClaimedTask(DeliveryTask task, Optional<TaskInputs> inputs) {
}
