package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.planner.SubjectState;

import java.util.Optional;

/**
 * What work on a task starts from: the subject's newest stored state and the target's link. On
 * PostgreSQL the claim reads both in the statement that leases the task (no round trip per task);
 * elsewhere the executor reads them itself.
 *
 * @param state empty when the subject is not stored
 * @param link  empty when nothing was written to the target for this subject yet
 */
record TaskInputs(Optional<SubjectState> state, Optional<TargetLink> link) {
}
