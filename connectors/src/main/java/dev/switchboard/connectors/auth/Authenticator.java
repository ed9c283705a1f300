package dev.switchboard.connectors.auth;

import java.util.Optional;

/**
 * Supplies the {@code Authorization} header for SCIM requests. Implementations are thread-safe and
 * never expose the credential through {@code toString()}, logs or exception messages.
 */
public interface Authenticator {

    /** The header value to send, or empty when the provider needs no authentication. */
    Optional<String> authorization();

    /**
     * Reports that the provider answered 401 to a request sent with {@code rejected}. Returns true when a
     * fresh credential may now be obtained, so the request is worth repeating once; static credentials
     * return false because repeating them cannot help.
     */
    boolean invalidate(String rejected);
}
