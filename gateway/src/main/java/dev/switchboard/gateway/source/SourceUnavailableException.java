package dev.switchboard.gateway.source;

/**
 * A source's endpoint (JWKS, token, poll) could not be used right now: I/O error, 5xx, an answer
 * that is not what the protocol says. Always retryable; it says nothing about any SET, so no SET
 * may be refused because of it.
 */
public class SourceUnavailableException extends RuntimeException {

    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public boolean retryable() {
        return true;
    }
}
