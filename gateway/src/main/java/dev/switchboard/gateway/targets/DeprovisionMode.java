package dev.switchboard.gateway.targets;

/** What happens remotely when a user leaves a target's scope or is deleted at the source. */
public enum DeprovisionMode {
    /** Keep the account and set {@code active=false}: the app keeps its history. */
    DEACTIVATE,
    /** Remove the account. */
    DELETE
}
