package dev.switchboard.keycloak.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import dev.switchboard.keycloak.snapshot.Snapshot;

/**
 * All reads and writes of the outbox tables. It works on the caller's {@link EntityManager}, so a
 * row written while capturing a change commits or rolls back with that change.
 */
public final class OutboxStore {

    private final EntityManager em;
    private final Clock clock;
    private final Supplier<UUID> jtis;
    /**
     * State keys {@link #lockStates} found no row for. Hibernate does not remember a miss, so without
     * this every creation would look for its state row twice; the row cannot appear meanwhile except
     * from another transaction's first capture of the same subject, which the insert then refuses.
     */
    private final Set<String> absentStates = new HashSet<>();

    public OutboxStore(EntityManager em, Clock clock, Supplier<UUID> jtis) {
        this.em = em;
        this.clock = clock;
        this.jtis = jtis;
    }

    /** Whether the subject changed enough to emit, and as which event type. */
    public sealed interface Recorded {
        record Appended(long seq, EventType type) implements Recorded {
        }

        record Unchanged() implements Recorded {
        }
    }

    /**
     * Appends a create or put row unless the subject's last emitted snapshot is identical.
     *
     * @param force emit even when unchanged (a resync restates everything)
     */
    public Recorded recordUpsert(String realmId, Snapshot snapshot, Optional<String> txn, boolean force) {
        long now = clock.millis();
        String key = SubjectStateEntity.key(snapshot.type(), snapshot.id());
        SubjectStateEntity state = absentStates.remove(key) ? null : em.find(SubjectStateEntity.class, key);
        EventType type;
        if (state == null) {
            type = EventType.CREATE;
            em.persist(new SubjectStateEntity(key, realmId, snapshot.hash(), now));
        } else if (!force && state.getSnapshotHash().equals(snapshot.hash())) {
            return new Recorded.Unchanged();
        } else {
            type = EventType.PUT;
            state.recordSnapshot(snapshot.hash(), now);
        }
        return new Recorded.Appended(append(realmId, snapshot, type, txn, now), type);
    }

    /**
     * Locks the state rows of these subjects until the transaction ends. A transaction that is
     * about to record a subject another transaction is committing waits here, before it reads its
     * snapshot, and then reads a state that includes the other's change. Without the wait the later
     * row (the higher {@code seq}, which the receiver keeps) could carry a snapshot read before the
     * earlier change committed, e.g. one transaction's new group membership lost behind another's
     * attribute change. Rows are locked in key order, so two transactions locking overlapping sets
     * cannot deadlock on them; subjects without a state row yet are not locked.
     *
     * @return the subjects that have a state row: those that existed before this transaction, which
     *         another transaction may have changed while this one waited
     */
    public Set<SubjectKeyRef> lockStates(Collection<SubjectKeyRef> subjects) {
        // one find per subject, which recordUpsert then reads from the persistence context: as many
        // round trips as before the lock, and no list-parameter query to translate every time
        Set<SubjectKeyRef> known = new HashSet<>();
        subjects.stream().distinct()
                .sorted(Comparator.comparing((SubjectKeyRef s) -> SubjectStateEntity.key(s.type(), s.id())))
                .forEach(s -> {
                    String key = SubjectStateEntity.key(s.type(), s.id());
                    if (em.find(SubjectStateEntity.class, key, LockModeType.PESSIMISTIC_WRITE) != null) {
                        known.add(s);
                    } else {
                        absentStates.add(key);
                    }
                });
        return known;
    }

    /** A subject whose state row {@link #lockStates} locks. */
    public record SubjectKeyRef(SubjectType type, String id) {
    }

    /** Appends a delete row carrying the tombstone and forgets the subject's state. */
    public long recordDelete(String realmId, Snapshot tombstone, Optional<String> txn) {
        SubjectStateEntity state = em.find(SubjectStateEntity.class,
                SubjectStateEntity.key(tombstone.type(), tombstone.id()));
        if (state != null) {
            em.remove(state);
        }
        return append(realmId, tombstone, EventType.DELETE, txn, clock.millis());
    }

    private long append(String realmId, Snapshot snapshot, EventType type, Optional<String> txn, long now) {
        OutboxEntity row = new OutboxEntity(realmId, snapshot.type(), snapshot.id(), type,
                jtis.get().toString(), txn, snapshot.json(), now);
        // SEQ is an identity, so Hibernate inserts the row at once (inside a transaction) to learn it;
        // a flush here would only add a dirty check of everything the session holds, and the state
        // row goes in with Keycloak's own flush at commit
        em.persist(row);
        return row.getSeq();
    }

    /** Pending rows of a realm, oldest first, as projections (nothing is tracked or flushed). */
    public List<PendingRow> pending(String realmId, int limit) {
        return em.createQuery("select new dev.switchboard.keycloak.outbox.PendingRow(o.seq, o.jti, o.txn, "
                        + "o.subjectType, o.subjectId, o.eventType, o.snapshot, o.createdAt) from SwitchboardOutbox o "
                        + "where o.realmId = :realm and o.state = :state order by o.seq", PendingRow.class)
                .setParameter("realm", realmId)
                .setParameter("state", OutboxState.PENDING)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Deletes acknowledged rows; unknown jtis are ignored (acks are idempotent). */
    public int acknowledge(String realmId, Collection<String> jtis) {
        if (jtis.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from SwitchboardOutbox o where o.realmId = :realm and o.jti in :jtis")
                .setParameter("realm", realmId)
                .setParameter("jtis", jtis)
                .executeUpdate();
    }

    /** Moves a refused row to DEAD; returns false for an unknown jti. */
    public boolean markDead(String realmId, String jti, String error) {
        return em.createQuery("update SwitchboardOutbox o set o.state = :dead, o.deadAt = :now, o.error = :error "
                        + "where o.realmId = :realm and o.jti = :jti and o.state = :pending")
                .setParameter("dead", OutboxState.DEAD)
                .setParameter("now", clock.millis())
                .setParameter("error", error.length() > 1024 ? error.substring(0, 1024) : error)
                .setParameter("realm", realmId)
                .setParameter("jti", jti)
                .setParameter("pending", OutboxState.PENDING)
                .executeUpdate() == 1;
    }

    /** Deletes DEAD rows older than the retention. */
    public int purgeDead(String realmId, Duration retention) {
        return em.createQuery("delete from SwitchboardOutbox o where o.realmId = :realm and o.state = :dead "
                        + "and o.deadAt < :cutoff")
                .setParameter("realm", realmId)
                .setParameter("dead", OutboxState.DEAD)
                .setParameter("cutoff", clock.millis() - retention.toMillis())
                .executeUpdate();
    }

    /** Row counts per realm id, by state; realms with no rows are absent. */
    public Map<String, RealmBacklog> backlogByRealm() {
        Map<String, RealmBacklog> backlog = new HashMap<>();
        for (Object[] row : em.createQuery("select o.realmId, o.state, count(o) from SwitchboardOutbox o "
                + "group by o.realmId, o.state", Object[].class).getResultList()) {
            RealmBacklog known = backlog.getOrDefault((String) row[0], RealmBacklog.EMPTY);
            long count = ((Number) row[2]).longValue();
            backlog.put((String) row[0], row[1] == OutboxState.DEAD
                    ? new RealmBacklog(known.pending(), count)
                    : new RealmBacklog(count, known.dead()));
        }
        return backlog;
    }

    /** Forgets everything about a realm being removed; its receivers can no longer poll it anyway. */
    public void removeRealm(String realmId) {
        em.createQuery("delete from SwitchboardOutbox o where o.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
        em.createQuery("delete from SwitchboardSubjectState s where s.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }
}
