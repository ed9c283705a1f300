package dev.switchboard.keycloak.outbox;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers the outbox tables with Keycloak's persistence unit and its Liquibase run. */
public class OutboxJpaEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "switchboard";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(OutboxEntity.class, SubjectStateEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/switchboard/changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        // nothing to configure
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
        // stateless
    }
}
