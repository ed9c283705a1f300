package dev.switchboard.gateway.intake;

/**
 * What storing a verified SET did. All three are acknowledged to the transmitter: each means the
 * gateway holds everything the SET said.
 */
public enum Acceptance {
    /** Stored, and the subject's state moved to this SET's {@code seq}. */
    APPLIED,
    /**
     * Stored in the event stream; the subject already was at a higher or equal {@code seq}, or a SET
     * with a higher {@code seq} for the same subject came in the same batch.
     */
    SUPERSEDED,
    /** This {@code jti} was stored before; nothing changed. */
    REPLAYED
}
