package dev.switchboard.gateway.intake;

/** The RFC 8935 §2.4 error codes the gateway answers with, as they appear on the wire. */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request"),
    INVALID_KEY("invalid_key"),
    INVALID_ISSUER("invalid_issuer"),
    INVALID_AUDIENCE("invalid_audience"),
    AUTHENTICATION_FAILED("authentication_failed"),
    ACCESS_DENIED("access_denied");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
