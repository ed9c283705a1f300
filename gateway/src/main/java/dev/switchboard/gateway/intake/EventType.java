package dev.switchboard.gateway.intake;

import java.util.Arrays;
import java.util.Optional;

/**
 * The RFC 9967 event types the contract uses. Create and put both mean "this is the subject now";
 * the distinction is kept only for the event stream in the console.
 */
public enum EventType {
    CREATE_FULL("urn:ietf:params:scim:event:prov:create:full"),
    PUT_FULL("urn:ietf:params:scim:event:prov:put:full"),
    DELETE("urn:ietf:params:scim:event:prov:delete");

    private final String uri;

    EventType(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    public static Optional<EventType> fromUri(String uri) {
        return Arrays.stream(values()).filter(t -> t.uri.equals(uri)).findFirst();
    }
}
