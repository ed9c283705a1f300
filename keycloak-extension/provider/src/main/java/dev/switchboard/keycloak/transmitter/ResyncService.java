package dev.switchboard.keycloak.transmitter;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import jakarta.persistence.EntityManager;

import dev.switchboard.keycloak.config.SwitchboardConfig;
import dev.switchboard.keycloak.metrics.OutboxMetrics;
import dev.switchboard.keycloak.outbox.OutboxSignal;
import dev.switchboard.keycloak.outbox.OutboxStore;
import dev.switchboard.keycloak.snapshot.GroupSnapshotter;
import dev.switchboard.keycloak.snapshot.UserSnapshotter;

/**
 * Restates every group, then every user, of a realm into the outbox (groups first, so a receiver
 * knows a group before it meets members of it). It pages by id (keyset), one transaction per page,
 * so neither memory nor a transaction ever holds the whole realm, and subjects created or removed
 * meanwhile cannot shift the pages. It reads the ids from Keycloak's own tables, so it covers users
 * stored in Keycloak's database (local and imported); users of a non-importing federation provider
 * are not listed.
 */
final class ResyncService {

    private static final Logger LOG = Logger.getLogger(ResyncService.class);

    record Counts(long groups, long users) {
    }

    private record Page(List<String> ids, long emitted) {
    }

    private final KeycloakSessionFactory factory;
    private final SwitchboardConfig config;
    private final OutboxSignal signal;
    private final OutboxMetrics metrics;
    private final Clock clock;

    ResyncService(KeycloakSessionFactory factory, SwitchboardConfig config, OutboxSignal signal, OutboxMetrics metrics,
                  Clock clock) {
        this.factory = factory;
        this.config = config;
        this.signal = signal;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Restates the realm (named for the metrics) page by page; answers how many subjects it wrote. */
    Counts resync(String realmId, String realmName) {
        Optional<String> txn = Optional.of("resync-" + UUID.randomUUID());
        long groups = pages(realmId, realmName, "select g.id from GroupEntity g where g.realm = :realm and g.type = 0 "
                + "and g.id > :after order by g.id", (session, id) -> {
                    RealmModel realm = session.getContext().getRealm();
                    GroupModel group = session.groups().getGroupById(realm, id);
                    if (group != null) {
                        store(session).recordUpsert(realmId, GroupSnapshotter.snapshot(realm, group), txn, true);
                    }
                });
        long users = pages(realmId, realmName, "select u.id from UserEntity u where u.realmId = :realm "
                + "and u.serviceAccountClientLink is null and u.id > :after order by u.id", (session, id) -> {
                    RealmModel realm = session.getContext().getRealm();
                    UserModel user = session.users().getUserById(realm, id);
                    if (user != null) {
                        store(session).recordUpsert(realmId, UserSnapshotter.snapshot(session, realm, user), txn, true);
                    }
                });
        LOG.infof("resync_done realm=%s groups=%d users=%d txn=%s", realmId, groups, users, txn.get());
        return new Counts(groups, users);
    }

    private long pages(String realmId, String realmName, String idQuery, BiConsumer<KeycloakSession, String> emit) {
        long emitted = 0;
        String after = "";
        while (true) {
            String from = after;
            Page page = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                session.getContext().setRealm(session.realms().getRealm(realmId));
                EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
                List<String> ids = em.createQuery(idQuery, String.class)
                        .setParameter("realm", realmId)
                        .setParameter("after", from)
                        .setMaxResults(config.resyncBatchSize())
                        .getResultList();
                ids.forEach(id -> emit.accept(session, id));
                return new Page(ids, ids.size());
            });
            if (page.ids().isEmpty()) {
                return emitted;
            }
            emitted += page.emitted();
            signal.signal(realmId);
            metrics.appended(realmName, (int) page.emitted());
            after = page.ids().get(page.ids().size() - 1);
        }
    }

    private OutboxStore store(KeycloakSession session) {
        return new OutboxStore(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                clock, UUID::randomUUID);
    }
}
