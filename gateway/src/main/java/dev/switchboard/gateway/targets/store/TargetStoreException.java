package dev.switchboard.gateway.targets.store;

/** The database refused or failed a target read or write. Retryable: the database may come back. */
public final class TargetStoreException extends RuntimeException {

    public TargetStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
