package dev.switchboard.gateway.secrets;

/**
 * A sealed value could not be opened, or a key is unusable. Permanent: retrying with the same key
 * gives the same answer, so an operator must fix the key (or re-enter the secret).
 */
public final class SecretException extends RuntimeException {

    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
