package dev.switchboard.keycloak.capture;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.switchboard.keycloak.outbox.OutboxSignal;
import dev.switchboard.keycloak.outbox.OutboxStore;
import dev.switchboard.keycloak.outbox.SubjectType;
import dev.switchboard.keycloak.snapshot.GroupSnapshotter;
import dev.switchboard.keycloak.snapshot.Snapshot;
import dev.switchboard.keycloak.snapshot.UserSnapshotter;

/**
 * Collects the subjects a Keycloak transaction touched and writes their outbox rows just before it
 * commits. It is enlisted in the transaction's prepare phase, which Keycloak runs before the JPA
 * commit, so the rows are part of the same database transaction: a rolled-back change leaves no row.
 * Deferring to commit time also means one row per subject however many events one request raised
 * (an admin update fires an admin event and provider events), and the snapshot is the final state.
 */
final class ChangeCollector implements KeycloakTransaction {

    private static final Logger LOG = Logger.getLogger(ChangeCollector.class);
    private static final String ATTRIBUTE = ChangeCollector.class.getName();

    private final KeycloakSession session;
    private final OutboxSignal signal;
    private final Map<SubjectKey, PendingChange> pending = new LinkedHashMap<>();
    private final Set<String> realmsWritten = new LinkedHashSet<>();
    private boolean active;

    private ChangeCollector(KeycloakSession session, OutboxSignal signal) {
        this.session = session;
        this.signal = signal;
    }

    /** The collector of this session's transaction, enlisted on first use. */
    static ChangeCollector of(KeycloakSession session, OutboxSignal signal) {
        ChangeCollector collector = session.getAttribute(ATTRIBUTE, ChangeCollector.class);
        if (collector == null) {
            collector = new ChangeCollector(session, signal);
            session.setAttribute(ATTRIBUTE, collector);
            session.getTransactionManager().enlistPrepare(collector);
            session.getTransactionManager().enlistAfterCompletion(new WakePolls(collector));
        }
        return collector;
    }

    void touch(String realmId, SubjectType type, String id, Optional<String> txn) {
        pending.putIfAbsent(new SubjectKey(realmId, type, id), new PendingChange.Upsert(txn));
    }

    void delete(String realmId, Snapshot tombstone, Optional<String> txn) {
        SubjectKey key = new SubjectKey(realmId, tombstone.type(), tombstone.id());
        Optional<String> cause = Optional.ofNullable(pending.get(key)).flatMap(PendingChange::txn).or(() -> txn);
        pending.put(key, new PendingChange.Delete(tombstone, cause));
    }

    @Override
    public void begin() {
        active = true;
    }

    @Override
    public void commit() {
        if (pending.isEmpty()) {
            return;
        }
        OutboxStore store = new OutboxStore(
                session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                Clock.systemUTC(), UUID::randomUUID);
        pending.forEach((key, change) -> write(store, key, change));
        pending.clear();
    }

    private void write(OutboxStore store, SubjectKey key, PendingChange change) {
        if (change instanceof PendingChange.Delete delete) {
            if (session.realms().getRealm(key.realmId()) == null) {
                return; // the whole realm is going; its outbox rows are removed with it
            }
            long seq = store.recordDelete(key.realmId(), delete.tombstone(), delete.txn());
            realmsWritten.add(key.realmId());
            LOG.debugf("outbox_append realm=%s type=%s subject=%s event=DELETE seq=%d",
                    key.realmId(), key.type(), key.id(), seq);
            return;
        }
        currentSnapshot(key).ifPresent(snapshot -> {
            OutboxStore.Recorded recorded = store.recordUpsert(key.realmId(), snapshot, change.txn(), false);
            if (recorded instanceof OutboxStore.Recorded.Appended appended) {
                realmsWritten.add(key.realmId());
                LOG.debugf("outbox_append realm=%s type=%s subject=%s event=%s seq=%d",
                        key.realmId(), key.type(), key.id(), appended.type(), appended.seq());
            }
        });
    }

    /** The subject as it is now; empty when it no longer exists (removed without a tombstone). */
    private Optional<Snapshot> currentSnapshot(SubjectKey key) {
        RealmModel realm = session.realms().getRealm(key.realmId());
        if (realm == null) {
            return Optional.empty();
        }
        return switch (key.type()) {
            case USER -> Optional.ofNullable(session.users().getUserById(realm, key.id()))
                    .filter(user -> user.getServiceAccountClientLink() == null)
                    .map(user -> UserSnapshotter.snapshot(session, realm, user));
            case GROUP -> Optional.ofNullable(session.groups().getGroupById(realm, key.id()))
                    .filter(group -> group.getType() == GroupModel.Type.REALM)
                    .map(group -> GroupSnapshotter.snapshot(realm, group));
        };
    }

    @Override
    public void rollback() {
        pending.clear();
        active = false;
    }

    @Override
    public void setRollbackOnly() {
        // the JPA transaction carries the rollback-only flag
    }

    @Override
    public boolean getRollbackOnly() {
        return false;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    /** After a successful commit, tells waiting polls of this JVM that their realm has new rows. */
    private record WakePolls(ChangeCollector collector) implements KeycloakTransaction {
        @Override
        public void begin() {
        }

        @Override
        public void commit() {
            collector.realmsWritten.forEach(collector.signal::signal);
        }

        @Override
        public void rollback() {
            collector.realmsWritten.clear();
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }

        @Override
        public boolean isActive() {
            return true;
        }
    }
}
