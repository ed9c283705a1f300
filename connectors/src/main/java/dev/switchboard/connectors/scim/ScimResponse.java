package dev.switchboard.connectors.scim;

import java.net.http.HttpHeaders;

/** A successful (2xx) exchange as received, before its body is validated. */
record ScimResponse(String method, String path, int status, HttpHeaders headers, String body) {

    boolean hasBody() {
        return !body.isBlank();
    }
}
