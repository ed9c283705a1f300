package dev.switchboard.keycloak.capture;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

import dev.switchboard.keycloak.outbox.SubjectType;

/**
 * Turns user and admin events of realms that enabled the {@code switchboard} listener into subjects
 * to snapshot at commit. Keycloak calls listeners for a realm's configured listeners whether or not
 * the realm stores events, and calls them inside the request's transaction.
 */
final class SwitchboardEventListener implements EventListenerProvider {

    /** User events after which the user's snapshot may differ. */
    private static final Set<EventType> USER_CHANGES = EnumSet.of(
            EventType.REGISTER, EventType.UPDATE_PROFILE, EventType.UPDATE_EMAIL, EventType.VERIFY_EMAIL,
            EventType.DELETE_ACCOUNT, EventType.IDENTITY_PROVIDER_FIRST_LOGIN,
            EventType.IDENTITY_PROVIDER_LINK_ACCOUNT, EventType.FEDERATED_IDENTITY_LINK,
            EventType.REMOVE_FEDERATED_IDENTITY);

    private final KeycloakSession session;
    private final CollectorSetup setup;

    SwitchboardEventListener(KeycloakSession session, CollectorSetup setup) {
        this.session = session;
        this.setup = setup;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getUserId() == null || event.getRealmId() == null || !isRelevant(event)) {
            return;
        }
        ChangeCollector.of(session, setup)
                .touch(event.getRealmId(), SubjectType.USER, event.getUserId(), Optional.ofNullable(event.getId()));
    }

    /**
     * A brokered LOGIN re-runs the IdP mappers, which may have changed attributes; the collector
     * compares snapshot hashes, so a login that changed nothing emits nothing.
     */
    private static boolean isRelevant(Event event) {
        if (USER_CHANGES.contains(event.getType())) {
            return true;
        }
        return event.getType() == EventType.LOGIN
                && event.getDetails() != null
                && event.getDetails().get(Details.IDENTITY_PROVIDER) != null;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getRealmId() == null || event.getError() != null) {
            return;
        }
        AdminEventSubject.of(event.getResourceType(), event.getResourcePath()).ifPresent(subject ->
                ChangeCollector.of(session, setup)
                        .touch(event.getRealmId(), subject.type(), subject.id(), Optional.ofNullable(event.getId())));
    }

    @Override
    public void close() {
        // the collector lives in the session's transaction, not here
    }
}
