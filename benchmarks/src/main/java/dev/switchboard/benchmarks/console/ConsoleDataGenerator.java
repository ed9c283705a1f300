package dev.switchboard.benchmarks.console;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fills a migrated gateway database (PostgreSQL) with what a busy deployment accumulates: people
 * with snapshots and IdP links, links to a few targets each, one event per person, a week of
 * attempts spread unevenly over the targets (a few busy, a few failing lately), some backlog and
 * dead letters, and the per-minute rollup those attempts imply. Rows go in with COPY in chunks, so
 * a million attempts take seconds, not minutes. Targets themselves are declared by
 * {@link #targetsYaml}, to be given to the gateway as its targets file.
 *
 * <p>Deterministic for a seed, so two runs measure the same data.
 */
public final class ConsoleDataGenerator {

    public static final String SOURCE = "hub";
    private static final int CHUNK = 50_000;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxxx", Locale.ROOT);
    private static final String[] IDPS = {"saml-idp", "oidc-idp"};

    /** How much to generate. */
    public record Spec(int targets, int people, int attempts, Duration spread, long seed) {
        public static Spec consoleBenchmark() {
            return new Spec(50, 100_000, 1_000_000, Duration.ofDays(7), 42);
        }
    }

    /** What was written, for the benchmark's report. */
    public record Summary(int targets, int people, int links, int events, int attempts, int pending, int dead, Duration took) {
    }

    /** One kind of remote call and how often it happens, as a cumulative percentage ({@code upTo}). */
    private record Call(int upTo, String method, boolean onAccount, int status, String outcome) {
        private static final List<Call> MIX = List.of(
                new Call(1, "POST", false, 400, "permanent"),
                new Call(3, "PATCH", true, 500, "retryable"),
                new Call(35, "POST", false, 201, "ok"),
                new Call(92, "PATCH", true, 200, "ok"),
                new Call(100, "DELETE", true, 204, "ok"));

        static Call pick(int percent) {
            return MIX.stream().filter(c -> percent < c.upTo()).findFirst().orElseThrow();
        }
    }

    private static final Call FAILING_LATELY = new Call(20, "PATCH", true, 503, "retryable");

    private final Spec spec;
    private final Instant now;

    public ConsoleDataGenerator(Spec spec, Instant now) {
        this.spec = spec;
        this.now = now;
    }

    public static String targetId(int index) {
        return "app-%02d".formatted(index + 1);
    }

    /** A targets file declaring the generated targets; nothing listens at their URL (run with workers off). */
    public static String targetsYaml(int targets) {
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int i = 0; i < targets; i++) {
            yaml.append("""
                      - id: %s
                        displayName: Application %d
                        baseUrl: http://127.0.0.1:9/scim/v2/%s
                        auth: { type: none }
                        scope: { realms: [%s] }
                    """.formatted(targetId(i), i + 1, targetId(i), SOURCE));
        }
        return yaml.toString();
    }

    public Summary fill(Connection connection) throws SQLException, IOException {
        long started = System.nanoTime();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        SplittableRandom random = new SplittableRandom(spec.seed());
        int links = people(copy, random);
        int attempts = attempts(copy, random);
        int[] work = tasks(copy, random);
        rollUp(connection);
        return new Summary(spec.targets(), spec.people(), links, spec.people(), attempts, work[0], work[1],
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static String subjectId(int person) {
        return "00000000-0000-4000-8000-%012d".formatted(person);
    }

    private static String username(int person) {
        return "user%06d".formatted(person);
    }

    /** subject_state, inbound_event and target_link rows: each person in two to four targets. */
    private int people(CopyManager copy, SplittableRandom random) throws SQLException, IOException {
        Chunked states = new Chunked(copy, "COPY subject_state (source_id, subject_type, subject_id, seq, deleted, snapshot, "
                + "username, email, updated_at) FROM STDIN WITH (FORMAT csv)");
        Chunked events = new Chunked(copy, "COPY inbound_event (source_id, jti, seq, subject_type, subject_id, event_type, "
                + "outcome, channel, iat, received_at, token) FROM STDIN WITH (FORMAT csv)");
        Chunked linkRows = new Chunked(copy, "COPY target_link (target_id, source_id, subject_type, subject_id, remote_id, "
                + "state_hash, last_written, memberships, state, source_deleted, applied_seq, updated_at) FROM STDIN WITH (FORMAT csv)");
        int links = 0;
        for (int p = 0; p < spec.people(); p++) {
            String id = subjectId(p);
            String user = username(p);
            String email = user + "@example.org";
            String idp = random.nextInt(10) < 7 ? IDPS[random.nextInt(IDPS.length)] : null;
            boolean enabled = random.nextInt(100) != 0;
            String changed = ts(now.minusSeconds(random.nextLong(spec.spread().toSeconds())));
            String snapshot = """
                    {"id":"%s","realm":"%s","username":"%s","email":"%s","emailVerified":true,"firstName":"First%d",\
                    "lastName":"Last%d","enabled":%s,"attributes":{},"groups":[],"federatedIdentities":[%s]}""".formatted(
                    id, SOURCE, user, email, p, p, enabled,
                    idp == null ? "" : "{\"identityProvider\":\"%s\",\"userId\":\"ext-%d\",\"userName\":\"%s\"}".formatted(idp, p, user));
            states.row(SOURCE, "USER", id, "1", "false", snapshot, user, email, changed);
            events.row(SOURCE, "jti-" + p, "1", "USER", id, "urn:ietf:params:scim:event:prov:create:full", "APPLIED",
                    p % 10 == 0 ? "PUSH" : "POLL", changed, changed, "eyJhbGciOiJSUzI1NiJ9.generated.signature");
            int targetsOfPerson = 2 + random.nextInt(3);
            int first = random.nextInt(spec.targets());
            for (int t = 0; t < targetsOfPerson; t++) {
                String target = targetId((first + t * 7) % spec.targets());
                linkRows.row(target, SOURCE, "USER", id, "remote-" + p + "-" + t, "hash-" + p, "{}", "[]", "ACTIVE",
                        "false", "1", changed);
                links++;
            }
        }
        states.finish();
        events.finish();
        linkRows.finish();
        return links;
    }

    /**
     * A week of attempts, newest denser: target weight grows with its index (a few targets carry most
     * traffic); every tenth target fails a fifth of its calls in the last two hours.
     */
    private int attempts(CopyManager copy, SplittableRandom random) throws SQLException, IOException {
        Chunked rows = new Chunked(copy, "COPY delivery_attempt (target_id, source_id, subject_type, subject_id, method, path, "
                + "status, latency_ms, outcome, request_excerpt, response_excerpt, attempted_at) FROM STDIN WITH (FORMAT csv)");
        long spreadSeconds = spec.spread().toSeconds();
        for (int i = 0; i < spec.attempts(); i++) {
            int target = (int) Math.floor(Math.sqrt(random.nextDouble()) * spec.targets());
            // squaring a uniform number puts more attempts near now
            double u = random.nextDouble();
            long age = (long) (u * u * spreadSeconds);
            int person = random.nextInt(spec.people());
            boolean failingTarget = target % 10 == 9 && age < 7200;
            int roll = random.nextInt(100);
            Call call = failingTarget && roll < 20 ? FAILING_LATELY : Call.pick(roll);
            String method = call.method();
            String path = call.onAccount() ? "/Users/remote-" + person + "-0" : "/Users";
            int status = call.status();
            String outcome = call.outcome();
            String response = outcome.equals("ok") ? null
                    : "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"%d\",\"detail\":\"generated failure\"}"
                    .formatted(status);
            rows.row(targetId(target), SOURCE, "USER", subjectId(person), method, path, String.valueOf(status),
                    String.valueOf(20 + random.nextInt(400)), outcome, method.equals("DELETE") ? null : "{\"userName\":\"***\"}",
                    response, ts(now.minusSeconds(age)));
        }
        rows.finish();
        return spec.attempts();
    }

    /** Backlog on every fifth target (a few hundred to a few thousand), dead letters on every seventh. */
    private int[] tasks(CopyManager copy, SplittableRandom random) throws SQLException, IOException {
        Chunked rows = new Chunked(copy, "COPY delivery_task (target_id, source_id, subject_type, subject_id, wanted_seq, "
                + "status, attempts, next_attempt_at, first_enqueued_at, last_error, updated_at) FROM STDIN WITH (FORMAT csv)");
        int pending = 0;
        int dead = 0;
        for (int t = 0; t < spec.targets(); t++) {
            // one task per (target, subject): never more tasks than people
            int backlog = t % 5 == 4 ? Math.min(200 + random.nextInt(3000), spec.people() / 2) : 0;
            int deadLetters = t % 7 == 6 ? Math.min(10 + random.nextInt(90), spec.people() / 4) : 0;
            int person = random.nextInt(spec.people());
            for (int i = 0; i < backlog + deadLetters; i++) {
                boolean isDead = i >= backlog;
                String enqueued = ts(now.minusSeconds(random.nextLong(3600)));
                rows.row(targetId(t), SOURCE, "USER", subjectId((person + i) % spec.people()), "1", isDead ? "DEAD" : "PENDING",
                        isDead ? "12" : "0", enqueued, enqueued, isDead ? "POST /Users answered 400 (permanent)" : null, enqueued);
            }
            pending += backlog;
            dead += deadLetters;
        }
        rows.finish();
        return new int[] {pending, dead};
    }

    /** What the gateway's rollup would have written over the week, computed once in SQL. */
    private static void rollUp(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    INSERT INTO target_minute (target_id, minute_at, succeeded, failed)
                    SELECT target_id, date_trunc('minute', attempted_at),
                           COUNT(*) FILTER (WHERE outcome = 'ok'), COUNT(*) FILTER (WHERE outcome <> 'ok')
                    FROM delivery_attempt GROUP BY 1, 2
                    ON CONFLICT (target_id, minute_at) DO UPDATE SET succeeded = EXCLUDED.succeeded, failed = EXCLUDED.failed""");
            s.execute("""
                    INSERT INTO target_activity (target_id, last_success_at, last_error_at, last_error_message)
                    SELECT t.target_id, t.last_ok, e.attempted_at,
                           e.method || ' ' || e.path || ' answered ' || e.status || ' (' || e.outcome || ')'
                    FROM (SELECT target_id, MAX(attempted_at) FILTER (WHERE outcome = 'ok') AS last_ok
                          FROM delivery_attempt GROUP BY target_id) t
                    LEFT JOIN (SELECT DISTINCT ON (target_id) target_id, attempted_at, method, path, status, outcome
                               FROM delivery_attempt WHERE outcome <> 'ok' ORDER BY target_id, attempted_at DESC) e
                           ON e.target_id = t.target_id
                    ON CONFLICT (target_id) DO UPDATE SET last_success_at = EXCLUDED.last_success_at,
                           last_error_at = EXCLUDED.last_error_at, last_error_message = EXCLUDED.last_error_message""");
            s.execute("ANALYZE");
        }
    }

    private static String ts(Instant instant) {
        return TS.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** CSV rows buffered and sent with COPY every {@value #CHUNK} rows. */
    private static final class Chunked {
        private final CopyManager copy;
        private final String sql;
        private final StringBuilder buffer = new StringBuilder(8 << 20);
        private int rows;

        Chunked(CopyManager copy, String sql) {
            this.copy = copy;
            this.sql = sql;
        }

        void row(String... fields) throws SQLException, IOException {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    buffer.append(',');
                }
                if (fields[i] != null) {
                    buffer.append('"').append(fields[i].replace("\"", "\"\"")).append('"');
                }
            }
            buffer.append('\n');
            if (++rows == CHUNK) {
                finish();
            }
        }

        void finish() throws SQLException, IOException {
            if (rows > 0) {
                copy.copyIn(sql, new StringReader(buffer.toString()));
                buffer.setLength(0);
                rows = 0;
            }
        }
    }

    /** {@code ConsoleDataGenerator jdbc:postgresql://127.0.0.1:5432/db [user]}: fills a database the gateway has migrated. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ConsoleDataGenerator <jdbc-url> [user] [password]");
            System.exit(2);
        }
        try (Connection c = DriverManager.getConnection(args[0], args.length > 1 ? args[1] : "postgres", args.length > 2 ? args[2] : "")) {
            Summary summary = new ConsoleDataGenerator(Spec.consoleBenchmark(), Instant.now()).fill(c);
            System.out.println(summary);
        }
    }
}
