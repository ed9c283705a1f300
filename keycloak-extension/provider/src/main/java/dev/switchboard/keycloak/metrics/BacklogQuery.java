package dev.switchboard.keycloak.metrics;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.switchboard.keycloak.outbox.OutboxStore;
import dev.switchboard.keycloak.outbox.RealmBacklog;

/**
 * Reads the backlog of every realm in one short read-only transaction of its own, keyed by realm
 * name as the meters are tagged. It runs on the scrape's thread, which Quarkus runs off the event
 * loop, so a slow database delays the scrape, never a login.
 */
public final class BacklogQuery implements Supplier<Map<String, RealmBacklog>> {

    private final KeycloakSessionFactory factory;

    public BacklogQuery(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Map<String, RealmBacklog> get() {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            Map<String, RealmBacklog> byName = new HashMap<>();
            new OutboxStore(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                    Clock.systemUTC(), UUID::randomUUID).backlogByRealm().forEach((realmId, backlog) -> {
                        RealmModel realm = session.realms().getRealm(realmId);
                        if (realm != null) {
                            byName.put(realm.getName(), backlog);
                        }
                    });
            return byName;
        });
    }
}
