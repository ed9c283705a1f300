package dev.switchboard.gateway.delivery;

import dev.switchboard.connectors.scim.ScimClient;
import dev.switchboard.gateway.targets.TargetDefinition;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One SCIM client per target, rebuilt when the target's revision changes (new URL, rotated
 * secret), so workers share connections and token caches.
 */
@ApplicationScoped
public class TargetClients {

    private final ScimClientCreator creator;
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();

    TargetClients(ScimClientCreator creator) {
        this.creator = creator;
    }

    public ScimClient forTarget(TargetDefinition target) {
        return clients.compute(target.id(), (id, cached) -> cached != null && cached.revision() == target.revision()
                ? cached
                : new Cached(target.revision(), creator.create(target.connection()))).client();
    }

    private record Cached(long revision, ScimClient client) {
    }
}
