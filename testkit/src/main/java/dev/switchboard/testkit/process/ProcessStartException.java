package dev.switchboard.testkit.process;

/**
 * A process could not be started or did not become ready in time. The message carries the tail
 * of its log, because that is what anyone reading a failed test needs first.
 */
public final class ProcessStartException extends RuntimeException {

    public ProcessStartException(String message) {
        super(message);
    }

    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
