package dev.switchboard.keycloak.capture;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Metrics;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import dev.switchboard.keycloak.config.SwitchboardConfig;
import dev.switchboard.keycloak.metrics.BacklogQuery;
import dev.switchboard.keycloak.metrics.OutboxCensus;
import dev.switchboard.keycloak.metrics.OutboxMetrics;
import dev.switchboard.keycloak.outbox.DeadRowPurge;
import dev.switchboard.keycloak.outbox.OutboxSignal;
import dev.switchboard.keycloak.transmitter.VerifiedPollerTokens;

/**
 * Entry point of the extension: the {@code switchboard} event listener. It also owns what the rest
 * of the extension shares in this JVM: the configuration (its SPI scope is where the options live),
 * the {@link OutboxSignal} that wakes waiting polls, and the {@link OutboxMetrics}.
 */
public class SwitchboardEventListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "switchboard";
    /** One backlog query serves every gauge of a scrape (two per realm). */
    private static final Duration CENSUS_MAX_AGE = Duration.ofSeconds(1);

    private final OutboxSignal signal = new OutboxSignal();
    private final DeadRowPurge deadRowPurge = new DeadRowPurge(Clock.systemUTC());
    private SwitchboardConfig config = SwitchboardConfig.DEFAULTS;
    private OutboxMetrics metrics;
    private CollectorSetup collectorSetup;
    private VerifiedPollerTokens pollerTokens;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SwitchboardEventListener(session, collectorSetup);
    }

    @Override
    public void init(Config.Scope scope) {
        config = SwitchboardConfig.from(scope);
        pollerTokens = new VerifiedPollerTokens(config.pollerTokenTrust(), Clock.systemUTC());
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        metrics = new OutboxMetrics(Metrics.globalRegistry,
                new OutboxCensus(new BacklogQuery(factory), Clock.systemUTC(), CENSUS_MAX_AGE));
        collectorSetup = new CollectorSetup(signal, config.resyncBatchSize(), metrics);
        factory.register(new ProviderEventCapture(collectorSetup));
    }

    public SwitchboardConfig config() {
        return config;
    }

    /** Poller tokens this node verified recently, shared by every poll request. */
    public VerifiedPollerTokens pollerTokens() {
        return pollerTokens;
    }

    /** Shared by every poll on this node, so refused rows are purged once per interval, not per ack. */
    public DeadRowPurge deadRowPurge() {
        return deadRowPurge;
    }

    public OutboxSignal signal() {
        return signal;
    }

    public OutboxMetrics metrics() {
        return metrics;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return SwitchboardConfig.metadata();
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String getId() {
        return ID;
    }
}
