package dev.switchboard.connectors.scim;

import java.util.Optional;

/**
 * One request relative to the base URL.
 *
 * @param path    path starting with {@code /}, without query
 * @param query   already-encoded query string without {@code ?}, when any
 * @param body    JSON body, when any
 * @param ifMatch ETag to send as {@code If-Match}, when any
 */
record ScimRequest(String method, String path, Optional<String> query, Optional<String> body, Optional<String> ifMatch) {

    static ScimRequest get(String path) {
        return new ScimRequest("GET", path, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static ScimRequest search(String path, String query) {
        return new ScimRequest("GET", path, Optional.of(query), Optional.empty(), Optional.empty());
    }

    static ScimRequest delete(String path) {
        return new ScimRequest("DELETE", path, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static ScimRequest withBody(String method, String path, String body, Optional<String> ifMatch) {
        return new ScimRequest(method, path, Optional.empty(), Optional.of(body), ifMatch);
    }
}
