package dev.switchboard.keycloak.transmitter;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import dev.switchboard.keycloak.capture.SwitchboardEventListenerFactory;

/** Mounts {@link TransmitterResource} at {@code /realms/{realm}/switchboard}. */
public class TransmitterResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "switchboard";

    private SwitchboardEventListenerFactory shared;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        TransmitterResource resource = new TransmitterResource(session, shared);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {
                // request scoped, nothing held
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        // configured through the events-listener/switchboard scope, see SwitchboardConfig
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        shared = (SwitchboardEventListenerFactory) factory.getProviderFactory(
                EventListenerProvider.class, SwitchboardEventListenerFactory.ID);
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
