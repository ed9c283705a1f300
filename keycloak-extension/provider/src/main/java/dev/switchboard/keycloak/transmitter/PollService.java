package dev.switchboard.keycloak.transmitter;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.switchboard.keycloak.config.SwitchboardConfig;
import dev.switchboard.keycloak.metrics.OutboxMetrics;
import dev.switchboard.keycloak.outbox.DeadRowPurge;
import dev.switchboard.keycloak.outbox.OutboxEntity;
import dev.switchboard.keycloak.outbox.OutboxSignal;
import dev.switchboard.keycloak.outbox.OutboxStore;
import dev.switchboard.keycloak.outbox.PendingRow;
import dev.switchboard.keycloak.token.SetClaims;
import dev.switchboard.keycloak.token.SetSigner;

/**
 * Answers one poll. Every database step runs in its own short transaction, so a long poll holds no
 * connection or row lock while it waits; acknowledgements commit before anything is served.
 */
final class PollService {

    private static final Logger LOG = Logger.getLogger(PollService.class);
    /** Refused SETs since start, for the log line; the rows themselves are the durable record. */
    private static final AtomicLong DEAD_TOTAL = new AtomicLong();

    private final KeycloakSessionFactory factory;
    private final SwitchboardConfig config;
    private final OutboxSignal signal;
    private final OutboxMetrics metrics;
    private final DeadRowPurge purge;
    private final Clock clock;

    PollService(KeycloakSessionFactory factory, SwitchboardConfig config, OutboxSignal signal, OutboxMetrics metrics,
                DeadRowPurge purge, Clock clock) {
        this.factory = factory;
        this.config = config;
        this.signal = signal;
        this.metrics = metrics;
        this.purge = purge;
        this.clock = clock;
    }

    /** Settles the request's acks and refusals, then serves pending rows of the realm (named for the metrics). */
    PollResponse poll(String realmId, String realmName, String issuer, PollRequest request) {
        settle(realmId, realmName, request);
        int max = request.effectiveMax(config.maxEventsCap());
        if (max == 0) {
            return PollResponse.empty();
        }
        long deadline = System.nanoTime()
                + (request.returnImmediately() ? 0 : config.longPollMaxWait().toNanos());
        while (true) {
            long seen = signal.version(realmId);
            Served served = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> serve(session, realmId, issuer, max, deadline));
            if (served instanceof Served.Gathering gathering) {
                try {
                    Thread.sleep(gathering.waitMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return PollResponse.empty();
                }
                continue;
            }
            PollResponse response = ((Served.Answer) served).response();
            long remaining = deadline - System.nanoTime();
            if (!response.sets().isEmpty() || remaining <= 0) {
                metrics.served(realmName, response.sets().size());
                return response;
            }
            try {
                signal.await(realmId, seen, Duration.ofNanos(Math.min(remaining, config.recheckInterval().toNanos())));
                if (signal.version(realmId) != seen) {
                    gatherMoreCommits(deadline);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    /** What one look at the outbox decided: answer now, or let the young rows found wait for company. */
    private sealed interface Served {
        record Answer(PollResponse response) implements Served {
        }

        record Gathering(long waitMillis) implements Served {
        }
    }

    /** Rows an ack deleted and rows a setErrs moved to DEAD, counted once their transaction committed. */
    private record Settled(int acknowledged, int refused) {
    }

    /**
     * A commit woke this poll: let the commits right behind it land too, so a stream of changes
     * costs one answer per window instead of one per change. Never past the poll's own deadline.
     */
    private void gatherMoreCommits(long deadline) throws InterruptedException {
        long window = Math.min(config.batchWindow().toNanos(), deadline - System.nanoTime());
        if (window > 0) {
            Thread.sleep(window / 1_000_000, (int) (window % 1_000_000));
        }
    }

    private void settle(String realmId, String realmName, PollRequest request) {
        if (request.ack().isEmpty() && request.setErrs().isEmpty()) {
            return;
        }
        Settled settled = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            OutboxStore store = store(session);
            int acked = store.acknowledge(realmId, request.ack());
            int refused = 0;
            for (Map.Entry<String, PollRequest.SetError> error : request.setErrs().entrySet()) {
                if (store.markDead(realmId, error.getKey(), error.getValue().err() + ": " + error.getValue().description())) {
                    refused++;
                    LOG.warnf("outbox_dead realm=%s jti=%s err=%s dead_total=%d",
                            realmId, error.getKey(), error.getValue().err(), DEAD_TOTAL.incrementAndGet());
                }
            }
            if (purge.due()) {
                store.purgeDead(realmId, config.deadRetention());
            }
            LOG.debugf("outbox_ack realm=%s requested=%d deleted=%d", realmId, request.ack().size(), acked);
            return new Settled(acked, refused);
        });
        metrics.acknowledged(realmName, settled.acknowledged());
        metrics.deadLettered(realmName, settled.refused());
    }

    /**
     * Signs the pending rows, each at every serve: the poll writes nothing (see {@link OutboxEntity}).
     *
     * <p>Rows found while changes are streaming in are young: the next poll, right behind an
     * answer, finds the few committed while that answer travelled. Answering with them at once
     * made a stream cost one poll (token check, transactions, HTTP) per two or three changes. So
     * unless the batch is full, the poll lets its oldest row wait until it is
     * {@code batch-window-millis} old, the same bound a woken long poll already keeps, and the
     * changes committed meanwhile go in the same answer. A poll asking to return immediately, or
     * one whose deadline comes first, never waits.
     */
    private Served serve(KeycloakSession session, String realmId, String issuer, int max, long deadline) {
        RealmModel realm = session.realms().getRealm(realmId);
        session.getContext().setRealm(realm);
        List<PendingRow> rows = store(session).pending(realmId, max + 1);
        if (rows.isEmpty()) {
            return new Served.Answer(PollResponse.empty());
        }
        long window = config.batchWindow().toMillis();
        long waitMillis = Math.min(window, window - (clock.millis() - rows.get(0).createdAt()));
        if (rows.size() <= max && waitMillis > 0
                && System.nanoTime() + Duration.ofMillis(waitMillis).toNanos() < deadline) {
            return new Served.Gathering(waitMillis);
        }
        SetSigner signer = SetSigner.forRealm(session, realm, config.signatureAlgorithm());
        long issuedAt = clock.instant().getEpochSecond();
        Map<String, String> sets = new LinkedHashMap<>();
        for (PendingRow row : rows.subList(0, Math.min(max, rows.size()))) {
            sets.put(row.jti(), signer.sign(new SetClaims(issuer, config.audience(), issuedAt, row.jti(),
                    Optional.ofNullable(row.txn()), row.seq(), row.subjectType(), row.subjectId(), row.eventType(),
                    row.snapshot())));
        }
        return new Served.Answer(new PollResponse(sets, rows.size() > max));
    }

    private OutboxStore store(KeycloakSession session) {
        return new OutboxStore(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                clock, UUID::randomUUID);
    }
}
