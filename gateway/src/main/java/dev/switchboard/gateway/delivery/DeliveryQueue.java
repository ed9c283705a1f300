package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.subject.SubjectChanged;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;
import javax.sql.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The durable work queue ({@code delivery_task}). Only this class moves rows between states;
 * see {@link DeliveryTask.TaskStatus} for the state machine. Every write that finishes a claim
 * checks the claim token, so a worker whose lease expired cannot overwrite its successor.
 */
@ApplicationScoped
public class DeliveryQueue {

    private static final String COLUMNS = """
            id, target_id, source_id, subject_type, subject_id, wanted_seq, status, attempts, next_attempt_at,
            locked_by, first_enqueued_at, last_error""";

    private final DataSource dataSource;
    private final QueueDialect dialect;

    DeliveryQueue(DataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.dialect = dbKind.toLowerCase().startsWith("postgres") ? new PostgresQueueDialect() : new H2QueueDialect();
    }

    /** Coalescing enqueue; joins the caller's transaction (the intake's, when fired by an event). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String targetId, SubjectKey key, long seq, Instant now) {
        update(dialect.upsertTask(), targetId, key.sourceId(), key.type().name(), key.subjectId(), seq, ts(now));
    }

    /**
     * {@link #enqueue(String, SubjectKey, long, Instant)} for every target and change of an intake
     * batch, as one JDBC batch (one round trip). Rows go in one order (target, then subject) for
     * every writer, so two batches touching the same rows wait for each other instead of deadlocking.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(List<String> targetIds, List<SubjectChanged> changes, Instant now) {
        if (targetIds.isEmpty() || changes.isEmpty()) {
            return;
        }
        List<SubjectChanged> ordered = changes.stream()
                .sorted(Comparator.comparing((SubjectChanged c) -> c.key().sourceId()).thenComparing(c -> c.key().type())
                        .thenComparing(c -> c.key().subjectId()))
                .toList();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(dialect.upsertTask())) {
            for (String targetId : targetIds.stream().sorted().toList()) {
                for (SubjectChanged change : ordered) {
                    SubjectKey key = change.key();
                    bind(ps, targetId, key.sourceId(), key.type().name(), key.subjectId(), change.sequence(), ts(now));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("enqueueing %d changes failed".formatted(changes.size()), e);
        }
    }

    /** Enqueues every stored subject for one target: initial load of a new target, or a replay. */
    @Transactional
    public int enqueueAll(String targetId, Instant now) {
        return update(dialect.upsertAllSubjects(), targetId, ts(now));
    }

    /**
     * Claims up to {@code limit} due tasks of one target until {@code leaseUntil}, under {@code claimToken}.
     * A claimed row's {@code next_attempt_at} becomes the lease end, which is when it is due again if
     * its worker dies; that also moves rows in flight behind the due ones in the claim index, so a
     * claim does not step over the target's whole set of running tasks to find work.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<DeliveryTask> claim(String targetId, int limit, Instant now, Instant leaseUntil, String claimToken) {
        return claimTasks(targetId, limit, now, leaseUntil, claimToken);
    }

    private List<DeliveryTask> claimTasks(String targetId, int limit, Instant now, Instant leaseUntil, String claimToken) {
        try (Connection c = dataSource.getConnection()) {
            List<DeliveryTask> tasks = dialect.claimReturning().isPresent()
                    ? claimInOneStatement(c, dialect.claimReturning().get(), targetId, limit, now, leaseUntil, claimToken)
                    : claimInThreeStatements(c, targetId, limit, now, leaseUntil, claimToken);
            tasks.sort(Comparator.comparingLong(DeliveryTask::id));
            return tasks;
        } catch (SQLException e) {
            throw new IllegalStateException("claiming tasks failed for target=" + targetId, e);
        }
    }

    /**
     * {@link #claim} for the worker: with each task its inputs where the database reads them in the
     * claiming statement ({@link QueueDialect#claimWithInputs()}), else the bare tasks.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<ClaimedTask> claimForWork(String targetId, int limit, Instant now, Instant leaseUntil, String claimToken,
                                   TaskInputsReader inputs) {
        if (dialect.claimWithInputs().isEmpty()) {
            return claimTasks(targetId, limit, now, leaseUntil, claimToken).stream()
                    .map(task -> new ClaimedTask(task, Optional.empty())).toList();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement claim = c.prepareStatement(dialect.claimWithInputs().get())) {
            bind(claim, ts(leaseUntil), ts(leaseUntil), claimToken, ts(now), targetId, ts(now), ts(now), limit);
            List<ClaimedTask> claimed = new ArrayList<>();
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    DeliveryTask task = task(rs);
                    claimed.add(new ClaimedTask(task, Optional.of(inputs.joined(rs, task.key()))));
                }
            }
            claimed.sort(Comparator.comparingLong(t -> t.task().id()));
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("claiming tasks failed for target=" + targetId, e);
        }
    }

    private static List<DeliveryTask> claimInOneStatement(Connection c, String sql, String targetId, int limit, Instant now,
                                                          Instant leaseUntil, String claimToken) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(sql)) {
            bind(claim, ts(leaseUntil), ts(leaseUntil), claimToken, ts(now), targetId, ts(now), ts(now), limit);
            return tasks(claim);
        }
    }

    private List<DeliveryTask> claimInThreeStatements(Connection c, String targetId, int limit, Instant now, Instant leaseUntil,
                                                      String claimToken) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(dialect.selectDueForUpdate())) {
            bind(select, targetId, ts(now), ts(now), limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return new ArrayList<>();
        }
        try (PreparedStatement lock = c.prepareStatement(
                "UPDATE delivery_task SET locked_until = ?, next_attempt_at = ?, locked_by = ?, claimed_seq = wanted_seq, updated_at = ? "
                        + "WHERE id = ?")) {
            for (long id : ids) {
                bind(lock, ts(leaseUntil), ts(leaseUntil), claimToken, ts(now), id);
                lock.addBatch();
            }
            lock.executeBatch();
        }
        try (PreparedStatement read = c.prepareStatement("SELECT " + COLUMNS + " FROM delivery_task WHERE locked_by = ?")) {
            bind(read, claimToken);
            return tasks(read);
        }
    }

    /**
     * Finishes a task whose work reflected {@code deliveredSeq}. If a newer change arrived meanwhile,
     * the row stays and becomes due at once instead, so the newer state is delivered too.
     *
     * Joins the caller's transaction ({@link TaskCompletion} saves the link in the same one).
     *
     * @return true when the row was removed
     */
    @Transactional
    public boolean complete(DeliveryTask task, long deliveredSeq, Instant now) {
        String token = task.claimToken().orElseThrow();
        int deleted = update("DELETE FROM delivery_task WHERE id = ? AND locked_by = ? AND status = 'PENDING' AND wanted_seq <= ?",
                task.id(), token, deliveredSeq);
        if (deleted == 1) {
            return true;
        }
        update("""
                UPDATE delivery_task SET locked_until = NULL, locked_by = NULL, attempts = 0, next_attempt_at = ?,
                       last_error = NULL, updated_at = ?
                WHERE id = ? AND locked_by = ?""", ts(now), ts(now), task.id(), token);
        return false;
    }

    /** A task whose work ended reflecting {@code deliveredSeq}, for {@link #completeAll}. */
    public record Finished(DeliveryTask task, long deliveredSeq) {
    }

    /**
     * {@link #complete} for many tasks in the caller's transaction, as two JDBC batches (delete what
     * is done, then make due again what got a newer change meanwhile) instead of a statement and a
     * commit per task.
     *
     * @return per task, in order, whether its row was removed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Boolean> completeAll(List<Finished> finished, Instant now) {
        List<Boolean> removed = new ArrayList<>(finished.size());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM delivery_task WHERE id = ? AND locked_by = ? AND status = 'PENDING' AND wanted_seq <= ?")) {
                for (Finished f : finished) {
                    bind(delete, f.task().id(), f.task().claimToken().orElseThrow(), f.deliveredSeq());
                    delete.addBatch();
                }
                for (int count : delete.executeBatch()) {
                    removed.add(count == 1);
                }
            }
            if (removed.contains(false)) {
                try (PreparedStatement dueAgain = c.prepareStatement("""
                        UPDATE delivery_task SET locked_until = NULL, locked_by = NULL, attempts = 0, next_attempt_at = ?,
                               last_error = NULL, updated_at = ?
                        WHERE id = ? AND locked_by = ?""")) {
                    for (int i = 0; i < finished.size(); i++) {
                        if (!removed.get(i)) {
                            DeliveryTask task = finished.get(i).task();
                            bind(dueAgain, ts(now), ts(now), task.id(), task.claimToken().orElseThrow());
                            dueAgain.addBatch();
                        }
                    }
                    dueAgain.executeBatch();
                }
            }
            return removed;
        } catch (SQLException e) {
            throw new IllegalStateException("completing %d tasks failed".formatted(finished.size()), e);
        }
    }

    /** Releases the claim and makes the task due again at {@code nextAttemptAt}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void retryLater(DeliveryTask task, int attempts, Instant nextAttemptAt, String error, Instant now) {
        update("""
                UPDATE delivery_task SET locked_until = NULL, locked_by = NULL, attempts = ?, next_attempt_at = ?,
                       last_error = ?, updated_at = ?
                WHERE id = ? AND locked_by = ?""",
                attempts, ts(nextAttemptAt), truncate(error), ts(now), task.id(), task.claimToken().orElseThrow());
    }

    /**
     * Gives claimed tasks back unstarted (prefetched for a target that paused or whose breaker
     * opened): due again at {@code now}, attempts unchanged. Tasks whose claim was taken over change nothing.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(List<DeliveryTask> tasks, Instant now) {
        if (tasks.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE delivery_task SET locked_until = NULL, locked_by = NULL, next_attempt_at = ?, updated_at = ?
                WHERE id = ? AND locked_by = ?""")) {
            for (DeliveryTask task : tasks) {
                bind(ps, ts(now), ts(now), task.id(), task.claimToken().orElseThrow());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("releasing %d tasks failed".formatted(tasks.size()), e);
        }
    }

    /** Moves the task to the dead letters, where it waits for replay or discard. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void deadLetter(DeliveryTask task, int attempts, String error, Instant now) {
        update("""
                UPDATE delivery_task SET status = 'DEAD', locked_until = NULL, locked_by = NULL, attempts = ?,
                       last_error = ?, updated_at = ?
                WHERE id = ? AND locked_by = ?""",
                attempts, truncate(error), ts(now), task.id(), task.claimToken().orElseThrow());
    }

    /** Replays one dead letter; false when there is no dead letter with that id. */
    @Transactional
    public boolean replay(long taskId, Instant now) {
        return update("""
                UPDATE delivery_task SET status = 'PENDING', attempts = 0, next_attempt_at = ?, first_enqueued_at = ?,
                       last_error = NULL, updated_at = ?
                WHERE id = ? AND status = 'DEAD'""", ts(now), ts(now), ts(now), taskId) == 1;
    }

    /** Replays every dead letter of one target; returns how many. */
    @Transactional
    public int replayAll(String targetId, Instant now) {
        return update("""
                UPDATE delivery_task SET status = 'PENDING', attempts = 0, next_attempt_at = ?, first_enqueued_at = ?,
                       last_error = NULL, updated_at = ?
                WHERE target_id = ? AND status = 'DEAD'""", ts(now), ts(now), ts(now), targetId);
    }

    /** Drops one dead letter for good; false when there is no dead letter with that id. */
    @Transactional
    public boolean discard(long taskId) {
        return update("DELETE FROM delivery_task WHERE id = ? AND status = 'DEAD'", taskId) == 1;
    }

    @Transactional
    public List<DeliveryTask> deadLetters(Optional<String> targetId, int limit) {
        String where = targetId.isPresent() ? "status = 'DEAD' AND target_id = ?" : "status = 'DEAD'";
        List<Object> params = new ArrayList<>(targetId.stream().map(Object.class::cast).toList());
        params.add(limit);
        return query("SELECT " + COLUMNS + " FROM delivery_task WHERE " + where + " ORDER BY updated_at DESC, id LIMIT ?",
                params.toArray());
    }

    @Transactional
    public Optional<DeliveryTask> find(String targetId, SubjectKey key) {
        return query("SELECT " + COLUMNS + " FROM delivery_task WHERE target_id = ? AND source_id = ? AND subject_type = ? AND subject_id = ?",
                targetId, key.sourceId(), key.type().name(), key.subjectId()).stream().findFirst();
    }

    @Transactional
    public List<DeliveryTask> forSubject(SubjectKey key) {
        return query("SELECT " + COLUMNS + " FROM delivery_task WHERE source_id = ? AND subject_type = ? AND subject_id = ?",
                key.sourceId(), key.type().name(), key.subjectId());
    }

    /** Pending count, dead count and oldest pending enqueue time of one target. */
    @Transactional
    public Backlog backlog(String targetId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END),
                            SUM(CASE WHEN status = 'DEAD' THEN 1 ELSE 0 END),
                            MIN(CASE WHEN status = 'PENDING' THEN first_enqueued_at END)
                     FROM delivery_task WHERE target_id = ?""")) {
            ps.setString(1, targetId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime oldest = rs.getObject(3, OffsetDateTime.class);
                return new Backlog(rs.getLong(1), rs.getLong(2), Optional.ofNullable(oldest).map(OffsetDateTime::toInstant));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading backlog failed for target=" + targetId, e);
        }
    }

    /** How much work a target has waiting. */
    public record Backlog(long pending, long dead, Optional<Instant> oldestPending) {
    }

    private List<DeliveryTask> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return tasks(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("reading delivery tasks failed", e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing delivery tasks failed", e);
        }
    }

    private static List<DeliveryTask> tasks(PreparedStatement ps) throws SQLException {
        List<DeliveryTask> tasks = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tasks.add(task(rs));
            }
        }
        return tasks;
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static DeliveryTask task(ResultSet rs) throws SQLException {
        return new DeliveryTask(
                rs.getLong("id"),
                rs.getString("target_id"),
                new SubjectKey(rs.getString("source_id"), SubjectType.valueOf(rs.getString("subject_type")), rs.getString("subject_id")),
                rs.getLong("wanted_seq"),
                DeliveryTask.TaskStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getString("locked_by")),
                rs.getObject("first_enqueued_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getString("last_error")));
    }

    static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
