package dev.switchboard.connectors.scim;

/** The SCIM resource types Switchboard provisions, with their endpoint and core schema. */
public enum ResourceType {
    USER("/Users", "urn:ietf:params:scim:schemas:core:2.0:User"),
    GROUP("/Groups", "urn:ietf:params:scim:schemas:core:2.0:Group");

    private final String endpoint;
    private final String schema;

    ResourceType(String endpoint, String schema) {
        this.endpoint = endpoint;
        this.schema = schema;
    }

    public String endpoint() {
        return endpoint;
    }

    public String schema() {
        return schema;
    }
}
