package dev.switchboard.gateway.delivery;

import dev.switchboard.connectors.scim.ScimClient;
import dev.switchboard.connectors.scim.ScimClientConfig;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link FakeScimServer} per target base URL; enabled by {@link DeliveryTestProfile}. */
@Alternative
@Singleton
public class FakeScimClients implements ScimClientCreator {

    private final Map<String, FakeScimServer> servers = new ConcurrentHashMap<>();

    @Override
    public ScimClient create(ScimClientConfig connection) {
        return server(connection.baseUrl().toString());
    }

    public FakeScimServer server(String baseUrl) {
        return servers.computeIfAbsent(baseUrl, url -> new FakeScimServer());
    }
}
