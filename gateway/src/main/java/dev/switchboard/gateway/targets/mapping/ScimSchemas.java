package dev.switchboard.gateway.targets.mapping;

/** Schema URNs of RFC 7643 the mapping writes. */
public final class ScimSchemas {

    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private ScimSchemas() {
    }
}
