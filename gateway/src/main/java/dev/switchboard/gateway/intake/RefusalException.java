package dev.switchboard.gateway.intake;

/**
 * Thrown inside verification to stop at the first failed check; {@link SetVerifier} turns it into
 * a {@link Verification.Refused}, so it never leaves the package.
 */
final class RefusalException extends RuntimeException {

    private final transient SetError error;

    RefusalException(ErrorCode code, String description) {
        super(description, null, false, false);
        this.error = new SetError(code, description);
    }

    SetError error() {
        return error;
    }

    static RefusalException invalidRequest(String description) {
        return new RefusalException(ErrorCode.INVALID_REQUEST, description);
    }
}
