package dev.switchboard.keycloak.capture;

import dev.switchboard.keycloak.outbox.SubjectType;

/** A subject touched in the current transaction. */
record SubjectKey(String realmId, SubjectType type, String id) {
}
