package dev.switchboard.gateway.delivery;

import dev.switchboard.connectors.scim.ScimClient;
import dev.switchboard.connectors.scim.ScimClientConfig;
import dev.switchboard.connectors.scim.ScimClients;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test SCIM clients, enabled by {@link DeliveryTestProfile}: one in-memory {@link FakeScimServer} per
 * base URL on host {@value #FAKE_HOST}; the real HTTP client from connectors for any other URL (SCIMMY).
 */
@Alternative
@Singleton
public class FakeScimClients implements ScimClientCreator {

    static final String FAKE_HOST = "fake.invalid";

    private final Map<String, FakeScimServer> servers = new ConcurrentHashMap<>();

    @Override
    public ScimClient create(ScimClientConfig connection) {
        return FAKE_HOST.equals(connection.baseUrl().getHost())
                ? server(connection.baseUrl().toString())
                : ScimClients.create(connection);
    }

    public FakeScimServer server(String baseUrl) {
        return servers.computeIfAbsent(baseUrl, url -> new FakeScimServer());
    }
}
