package dev.switchboard.keycloak.capture;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.RealmModel;

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
 *
 * <p>A group whose path changed (renamed or moved) restates, after the subjects touched directly,
 * every group below it and every member of those groups, because each of their snapshots carries
 * group paths. Members already written in this transaction compare equal to their new state and
 * are skipped, so no subject gets two rows. A removed group's members are restated the same way,
 * after every tombstone, from the member ids noted while the memberships still existed.
 */
final class ChangeCollector implements KeycloakTransaction {

    private static final Logger LOG = Logger.getLogger(ChangeCollector.class);
    private static final String ATTRIBUTE = ChangeCollector.class.getName();

    private final KeycloakSession session;
    private final CollectorSetup setup;
    private final Map<SubjectKey, PendingChange> pending = new LinkedHashMap<>();
    private final Set<SubjectKey> pathChanged = new LinkedHashSet<>();
    /** Members of removed groups, each with the group that took them along: restated after the rest. */
    private final Map<SubjectKey, SubjectKey> leftRemovedGroup = new LinkedHashMap<>();
    private final Set<String> realmsWritten = new LinkedHashSet<>();
    /** Rows appended per realm name, reported to the metrics once the transaction has committed. */
    private final Map<String, Integer> appendedByRealm = new LinkedHashMap<>();
    private boolean active;

    private ChangeCollector(KeycloakSession session, CollectorSetup setup) {
        this.session = session;
        this.setup = setup;
    }

    /** The collector of this session's transaction, enlisted on first use. */
    static ChangeCollector of(KeycloakSession session, CollectorSetup setup) {
        ChangeCollector collector = session.getAttribute(ATTRIBUTE, ChangeCollector.class);
        if (collector == null) {
            collector = new ChangeCollector(session, setup);
            session.setAttribute(ATTRIBUTE, collector);
            session.getTransactionManager().enlistPrepare(collector);
            session.getTransactionManager().enlistAfterCompletion(new WakePolls(collector));
        }
        return collector;
    }

    /**
     * Notes that the subject changed. The first cause is kept, except that a later event id fills
     * in for a provider event that had none (Keycloak fires provider events before the admin event).
     */
    void touch(String realmId, SubjectType type, String id, Optional<String> txn) {
        pending.merge(new SubjectKey(realmId, type, id), new PendingChange.Upsert(txn),
                (known, later) -> known.txn().isEmpty() && known instanceof PendingChange.Upsert ? later : known);
    }

    /** The group was renamed or moved: its subtree and their members are restated at commit. */
    void groupPathChanged(String realmId, String groupId, Optional<String> txn) {
        touch(realmId, SubjectType.GROUP, groupId, txn);
        pathChanged.add(new SubjectKey(realmId, SubjectType.GROUP, groupId));
    }

    void delete(String realmId, Snapshot tombstone, Optional<String> txn) {
        SubjectKey key = new SubjectKey(realmId, tombstone.type(), tombstone.id());
        Optional<String> cause = Optional.ofNullable(pending.get(key)).flatMap(PendingChange::txn).or(() -> txn);
        pending.put(key, new PendingChange.Delete(tombstone, cause));
    }

    /**
     * The group is being removed with its memberships: its tombstone is written, and each member
     * named here is restated at commit, after the subjects touched directly, without the group.
     */
    void groupRemoved(String realmId, Snapshot tombstone, Iterable<String> memberIds) {
        delete(realmId, tombstone, Optional.empty());
        SubjectKey group = new SubjectKey(realmId, SubjectType.GROUP, tombstone.id());
        memberIds.forEach(id -> leftRemovedGroup.putIfAbsent(new SubjectKey(realmId, SubjectType.USER, id), group));
    }

    @Override
    public void begin() {
        active = true;
    }

    @Override
    public void commit() {
        if (pending.isEmpty() && leftRemovedGroup.isEmpty()) {
            return;
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        OutboxStore store = new OutboxStore(em, Clock.systemUTC(), UUID::randomUUID);
        // Keycloak's own pending writes first, so every transaction takes its row locks on Keycloak's
        // tables before those on subject states, in one order: no deadlock between the two kinds
        em.flush();
        Set<OutboxStore.SubjectKeyRef> existed = store.lockStates(pending.keySet().stream().map(ChangeCollector::ref).toList());
        // a subject that existed may have been changed and committed by another transaction while
        // this one waited for its lock, after this session had loaded it: read its fields again
        LoadedSubjectRefresh refresh = new LoadedSubjectRefresh(em);
        pending.forEach((key, change) -> {
            if (change instanceof PendingChange.Upsert && existed.contains(ref(key))) {
                refresh.refresh(key);
            }
        });
        pending.forEach((key, change) -> write(store, key, change));
        pathChanged.forEach(group -> restateSubtree(store, new GroupSubtreeMembers(em, setup.memberPageSize()), group));
        leftRemovedGroup.forEach((member, group) -> {
            if (!pending.containsKey(member)) {
                write(store, member, new PendingChange.Upsert(Optional.ofNullable(pending.get(group)).flatMap(PendingChange::txn)));
            }
        });
        pending.clear();
        pathChanged.clear();
        leftRemovedGroup.clear();
    }

    private static OutboxStore.SubjectKeyRef ref(SubjectKey key) {
        return new OutboxStore.SubjectKeyRef(key.type(), key.id());
    }

    private void restateSubtree(OutboxStore store, GroupSubtreeMembers tree, SubjectKey root) {
        if (pending.get(root) instanceof PendingChange.Delete) {
            return;
        }
        PendingChange cause = new PendingChange.Upsert(pending.get(root).txn());
        List<String> groups = tree.subtree(root.id());
        groups.forEach(id -> write(store, new SubjectKey(root.realmId(), SubjectType.GROUP, id), cause));
        groups.forEach(id -> tree.forEachMember(id, userId ->
                write(store, new SubjectKey(root.realmId(), SubjectType.USER, userId), cause)));
    }

    private void write(OutboxStore store, SubjectKey key, PendingChange change) {
        RealmModel realm = session.realms().getRealm(key.realmId());
        if (realm == null) {
            return; // the whole realm is going; its outbox rows are removed with it
        }
        if (change instanceof PendingChange.Delete delete) {
            long seq = store.recordDelete(key.realmId(), delete.tombstone(), delete.txn());
            appended(realm);
            LOG.debugf("outbox_append realm=%s type=%s subject=%s event=DELETE seq=%d",
                    key.realmId(), key.type(), key.id(), seq);
            return;
        }
        currentSnapshot(realm, key).ifPresent(snapshot -> {
            OutboxStore.Recorded recorded = store.recordUpsert(key.realmId(), snapshot, change.txn(), false);
            if (recorded instanceof OutboxStore.Recorded.Appended appended) {
                appended(realm);
                LOG.debugf("outbox_append realm=%s type=%s subject=%s event=%s seq=%d",
                        key.realmId(), key.type(), key.id(), appended.type(), appended.seq());
            }
        });
    }

    private void appended(RealmModel realm) {
        realmsWritten.add(realm.getId());
        appendedByRealm.merge(realm.getName(), 1, Integer::sum);
    }

    /** The subject as it is now; empty when it no longer exists (removed without a tombstone). */
    private Optional<Snapshot> currentSnapshot(RealmModel realm, SubjectKey key) {
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
        pathChanged.clear();
        leftRemovedGroup.clear();
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
            collector.realmsWritten.forEach(collector.setup.signal()::signal);
            collector.appendedByRealm.forEach(collector.setup.metrics()::appended);
        }

        @Override
        public void rollback() {
            collector.realmsWritten.clear();
            collector.appendedByRealm.clear();
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
