package dev.switchboard.gateway.targets.store;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code target} as stored.
 *
 * @param specJson      normalized spec without secrets
 * @param sealedSecrets secret field name to sealed value
 */
public record StoredTarget(String id, TargetOrigin origin, String specJson, Map<String, String> sealedSecrets,
                           long revision, Instant createdAt, Instant updatedAt) {

    public StoredTarget {
        sealedSecrets = Map.copyOf(sealedSecrets);
    }
}
