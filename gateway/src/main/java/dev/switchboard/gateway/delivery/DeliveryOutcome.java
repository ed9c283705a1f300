package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.links.TargetLink;

import java.time.Duration;
import java.util.Optional;

/** How working on one task ended; the worker moves the task from this alone. */
public sealed interface DeliveryOutcome {

    /**
     * The target now matches the state at {@code seq}.
     *
     * @param unsavedLink the link after the last write, not yet stored: it is saved in the same
     *                    transaction that completes the task
     */
    record Delivered(long seq, int calls, Optional<TargetLink> unsavedLink) implements DeliveryOutcome {
    }

    /** Nothing to do (no-op, unknown target, never provisioned and out of scope). */
    record Skipped(long seq, String reason) implements DeliveryOutcome {
    }

    /**
     * Try again later.
     *
     * @param retryAfter     what the app asked for (429/503 {@code Retry-After}), zero when it did not
     * @param targetFailure  whether this counts against the target's health (I/O, 5xx), as opposed
     *                       to waiting for a group to be provisioned first
     */
    record RetryLater(Duration retryAfter, String reason, boolean targetFailure) implements DeliveryOutcome {
    }

    /** The app holds an account we cannot safely adopt (409 and no unique match): a person must look. */
    record Conflict(String reason) implements DeliveryOutcome {
    }

    /** The app refused the request for good (4xx other than 409/429): retrying will not help. */
    record Failed(int status, String reason) implements DeliveryOutcome {
    }
}
