package dev.switchboard.gateway.people;

import java.util.List;

/** What provision-now did at each target, step by step, in the order the calls were made. */
public record ProvisionResult(List<TargetResult> results) {

    /**
     * @param status {@code done} (delivered, or nothing to change), {@code failed} (dead letter or
     *               retry scheduled), {@code paused} (target paused, nothing sent) or {@code pending}
     *               (not finished within the wait: delivery goes on in the background)
     * @param message the task's last error, or why nothing was sent
     */
    public record TargetResult(String targetId, String status, String message, List<StepResult> steps) {
    }

    /** One remote call; excerpts were redacted before the attempt log stored them. */
    public record StepResult(String step, String method, String path, int status, String outcome, String message) {
    }
}
