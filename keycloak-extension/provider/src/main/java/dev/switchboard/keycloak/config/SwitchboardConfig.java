package dev.switchboard.keycloak.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The extension's settings, read once from the {@code events-listener/switchboard} SPI scope so the
 * rest of the code never touches string-keyed config. Set as
 * {@code --spi-events-listener--switchboard--<option>=<value>}.
 *
 * @param audience         the {@code aud} claim of every SET; the gateway checks it
 * @param maxEventsCap     the most SETs one poll answer carries, whatever the receiver asks for
 * @param longPollMaxWait  how long an empty poll is held before answering with no SETs
 * @param recheckInterval  how often a waiting poll re-reads the database, so rows committed by other
 *                         cluster nodes (which cannot wake this JVM) are still seen promptly
 * @param batchWindow      how long a poll that was waiting lets further commits gather after the first
 *                         one wakes it, so a stream of changes is handed over in batches rather than
 *                         as one poll (token check, transaction, signature) per change
 * @param resyncBatchSize  subjects per resync transaction; bounds memory and transaction length
 * @param deadRetention    how long rows refused by the receiver ({@code setErrs}) are kept for
 *                         inspection before they are purged
 * @param pollerTokenTrust how long a node trusts a poller's bearer token it has verified once (0: verify
 *                         on every poll); see {@code VerifiedPollerTokens} for what waits for it
 * @param signatureAlgorithm the JWS algorithm SETs are signed with; empty: the realm's default signature
 *                         algorithm. Lets an operator sign SETs with a key that is cheaper for Keycloak to
 *                         use (ES256) without changing the algorithm of every token the realm issues
 */
public record SwitchboardConfig(
        String audience,
        int maxEventsCap,
        Duration longPollMaxWait,
        Duration recheckInterval,
        Duration batchWindow,
        int resyncBatchSize,
        Duration deadRetention,
        Duration pollerTokenTrust,
        Optional<String> signatureAlgorithm) {

    public static final String AUDIENCE = "audience";
    public static final String MAX_EVENTS = "max-events";
    public static final String LONG_POLL_MAX_WAIT = "long-poll-max-wait-seconds";
    public static final String RECHECK_INTERVAL = "recheck-interval-millis";
    public static final String BATCH_WINDOW = "batch-window-millis";
    public static final String RESYNC_BATCH_SIZE = "resync-batch-size";
    public static final String DEAD_RETENTION = "dead-retention-hours";
    public static final String POLLER_TOKEN_TRUST = "poller-token-trust-seconds";
    public static final String SIGNATURE_ALGORITHM = "signature-algorithm";

    /**
     * The asymmetric JWS algorithms Keycloak can sign with: a receiver verifies SETs with the realm's
     * public keys, so an HMAC algorithm can never be right, and a typo should stop the server rather
     * than every poll.
     */
    public static final Set<String> ASYMMETRIC_ALGORITHMS = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    public static final SwitchboardConfig DEFAULTS = new SwitchboardConfig(
            "switchboard", 500, Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMillis(100), 200,
            Duration.ofDays(7), Duration.ofSeconds(10), Optional.empty());

    public SwitchboardConfig {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("audience must not be blank");
        }
        requirePositive(maxEventsCap, MAX_EVENTS);
        requirePositive(resyncBatchSize, RESYNC_BATCH_SIZE);
        if (longPollMaxWait.isNegative()) {
            throw new IllegalArgumentException(LONG_POLL_MAX_WAIT + " must not be negative");
        }
        if (recheckInterval.isNegative() || recheckInterval.isZero()) {
            throw new IllegalArgumentException(RECHECK_INTERVAL + " must be positive");
        }
        if (batchWindow.isNegative()) {
            throw new IllegalArgumentException(BATCH_WINDOW + " must not be negative");
        }
        if (deadRetention.isNegative()) {
            throw new IllegalArgumentException(DEAD_RETENTION + " must not be negative");
        }
        if (pollerTokenTrust.isNegative()) {
            throw new IllegalArgumentException(POLLER_TOKEN_TRUST + " must not be negative");
        }
        signatureAlgorithm.filter(alg -> !ASYMMETRIC_ALGORITHMS.contains(alg)).ifPresent(alg -> {
            throw new IllegalArgumentException(SIGNATURE_ALGORITHM + " must be one of "
                    + ASYMMETRIC_ALGORITHMS.stream().sorted().toList() + " (asymmetric, so the gateway can verify"
                    + " with the realm's public keys), was " + alg);
        });
    }

    /** Reads the scope, falling back to {@link #DEFAULTS} for every option not set. */
    public static SwitchboardConfig from(Config.Scope scope) {
        return new SwitchboardConfig(
                scope.get(AUDIENCE, DEFAULTS.audience()),
                scope.getInt(MAX_EVENTS, DEFAULTS.maxEventsCap()),
                Duration.ofSeconds(scope.getLong(LONG_POLL_MAX_WAIT, DEFAULTS.longPollMaxWait().toSeconds())),
                Duration.ofMillis(scope.getLong(RECHECK_INTERVAL, DEFAULTS.recheckInterval().toMillis())),
                Duration.ofMillis(scope.getLong(BATCH_WINDOW, DEFAULTS.batchWindow().toMillis())),
                scope.getInt(RESYNC_BATCH_SIZE, DEFAULTS.resyncBatchSize()),
                Duration.ofHours(scope.getLong(DEAD_RETENTION, DEFAULTS.deadRetention().toHours())),
                Duration.ofSeconds(scope.getLong(POLLER_TOKEN_TRUST, DEFAULTS.pollerTokenTrust().toSeconds())),
                Optional.ofNullable(scope.get(SIGNATURE_ALGORITHM)).map(String::strip).filter(alg -> !alg.isEmpty()));
    }

    /** Declared so {@code kc.sh} knows the options (and lists them in {@code show-config}). */
    public static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(AUDIENCE).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("aud claim of every SET").defaultValue(DEFAULTS.audience()).add()
                .property().name(MAX_EVENTS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("most SETs returned by one poll").defaultValue(DEFAULTS.maxEventsCap()).add()
                .property().name(LONG_POLL_MAX_WAIT).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("seconds an empty long poll is held").defaultValue(DEFAULTS.longPollMaxWait().toSeconds()).add()
                .property().name(RECHECK_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("milliseconds between database re-checks while a poll waits")
                .defaultValue(DEFAULTS.recheckInterval().toMillis()).add()
                .property().name(BATCH_WINDOW).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("milliseconds a woken long poll waits for more commits before answering (0: none)")
                .defaultValue(DEFAULTS.batchWindow().toMillis()).add()
                .property().name(RESYNC_BATCH_SIZE).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("users or groups per resync transaction").defaultValue(DEFAULTS.resyncBatchSize()).add()
                .property().name(DEAD_RETENTION).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("hours refused SETs are kept before purge").defaultValue(DEFAULTS.deadRetention().toHours()).add()
                .property().name(POLLER_TOKEN_TRUST).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("seconds a node trusts a poller's bearer token it verified once (0: verify every poll)")
                .defaultValue(DEFAULTS.pollerTokenTrust().toSeconds()).add()
                .property().name(SIGNATURE_ALGORITHM).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("JWS algorithm of the SETs, e.g. ES256 (default: the realm's default signature algorithm)")
                .add()
                .build();
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
