package dev.switchboard.connectors.scim;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a SCIM call failed, classified where the failure arises so callers decide from the type.
 * Messages carry the method, path and status, never credentials or personal data.
 */
public abstract sealed class ScimException extends RuntimeException {

    private final int status;

    protected ScimException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    public abstract boolean retryable();

    /** I/O failure, timeout, 5xx or 429: try again later, after {@link #retryAfter()} if given. */
    public static final class Retryable extends ScimException {
        private final Duration retryAfter;

        public Retryable(String message, int status, Duration retryAfter, Throwable cause) {
            super(message, status, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** 409 (uniqueness): the account may already exist and should be found and adopted. */
    public static final class Conflict extends ScimException {
        public Conflict(String message) {
            super(message, 409, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** 404 on a resource that was expected to exist. */
    public static final class NotFound extends ScimException {
        public NotFound(String message) {
            super(message, 404, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** 412: the remote version moved; re-read and try again. */
    public static final class PreconditionFailed extends ScimException {
        public PreconditionFailed(String message) {
            super(message, 412, null);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** Any other 4xx, or a response that breaks the protocol: retrying the same request will not help. */
    public static final class Permanent extends ScimException {
        private final String scimType;

        public Permanent(String message, int status, String scimType) {
            super(message, status, null);
            this.scimType = scimType;
        }

        public Optional<String> scimType() {
            return Optional.ofNullable(scimType);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }
}
