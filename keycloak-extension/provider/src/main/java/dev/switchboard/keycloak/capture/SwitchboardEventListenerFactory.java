package dev.switchboard.keycloak.capture;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import dev.switchboard.keycloak.config.SwitchboardConfig;
import dev.switchboard.keycloak.outbox.OutboxSignal;

/**
 * Entry point of the extension: the {@code switchboard} event listener. It also owns what the rest
 * of the extension shares in this JVM: the configuration (its SPI scope is where the options live)
 * and the {@link OutboxSignal} that wakes waiting polls.
 */
public class SwitchboardEventListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "switchboard";

    private final OutboxSignal signal = new OutboxSignal();
    private SwitchboardConfig config = SwitchboardConfig.DEFAULTS;
    private CollectorSetup collectorSetup = new CollectorSetup(signal, config.resyncBatchSize());

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SwitchboardEventListener(session, collectorSetup);
    }

    @Override
    public void init(Config.Scope scope) {
        config = SwitchboardConfig.from(scope);
        collectorSetup = new CollectorSetup(signal, config.resyncBatchSize());
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new ProviderEventCapture(collectorSetup));
    }

    public SwitchboardConfig config() {
        return config;
    }

    public OutboxSignal signal() {
        return signal;
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
