package dev.switchboard.keycloak.snapshot;

/** Schema URIs of the snapshot, as in docs/event-contract.md. */
final class Schemas {
    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String KEYCLOAK_USER = "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:User";
    static final String KEYCLOAK_GROUP = "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:Group";

    private Schemas() {
    }
}
