package dev.switchboard.keycloak.transmitter;

/** A poll body the transmitter cannot act on; permanent: resending the same body fails the same way. */
final class InvalidPollRequest extends RuntimeException {
    InvalidPollRequest(String description) {
        super(description);
    }
}
