package dev.switchboard.keycloak.outbox;

/** The kinds of subject we provision; the value is the SCIM resource path segment. */
public enum SubjectType {
    USER("Users"),
    GROUP("Groups");

    private final String scimResource;

    SubjectType(String scimResource) {
        this.scimResource = scimResource;
    }

    /** RFC 9493 {@code scim} subject identifier URI, e.g. {@code /Users/5d1f...}. */
    public String scimUri(String id) {
        return "/" + scimResource + "/" + id;
    }
}
