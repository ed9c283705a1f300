package dev.switchboard.connectors.profile;

/** The PATCH form a provider understands for removing group members. */
public enum MemberRemoval {
    /** One {@code remove} per member with {@code path: members[value eq "id"]} (RFC 7644 §3.5.2.2). */
    FILTER_PATH,
    /** One {@code remove} with {@code path: members} and the members listed in {@code value}. */
    VALUE_LIST
}
