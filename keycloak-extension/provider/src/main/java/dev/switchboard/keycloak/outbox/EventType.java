package dev.switchboard.keycloak.outbox;

/** The RFC 9967 event types of docs/event-contract.md, section 1. */
public enum EventType {
    CREATE("urn:ietf:params:scim:event:prov:create:full"),
    PUT("urn:ietf:params:scim:event:prov:put:full"),
    DELETE("urn:ietf:params:scim:event:prov:delete");

    private final String uri;

    EventType(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }
}
