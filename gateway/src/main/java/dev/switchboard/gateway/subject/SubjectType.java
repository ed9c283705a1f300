package dev.switchboard.gateway.subject;

/** What an event is about; maps to the SCIM resource path in the SET's {@code sub_id}. */
public enum SubjectType {
    USER("/Users/"),
    GROUP("/Groups/");

    private final String uriPrefix;

    SubjectType(String uriPrefix) {
        this.uriPrefix = uriPrefix;
    }

    public String uriPrefix() {
        return uriPrefix;
    }
}
