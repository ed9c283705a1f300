package dev.switchboard.connectors.profile;

import com.fasterxml.jackson.annotation.JsonValue;

/** The attribute that identifies an existing account when a create answers 409, so it can be adopted. */
public enum MatchAttribute {
    USER_NAME("userName"),
    EXTERNAL_ID("externalId"),
    EMAIL("emails.value");

    private final String filterPath;

    MatchAttribute(String filterPath) {
        this.filterPath = filterPath;
    }

    /** The attribute path as written in a SCIM filter (and in profile files). */
    @JsonValue
    public String filterPath() {
        return filterPath;
    }
}
