package dev.switchboard.gateway.targets.api;

import dev.switchboard.gateway.targets.spec.AuthSpec;
import dev.switchboard.gateway.targets.spec.TargetSpec;
import dev.switchboard.gateway.targets.spec.TargetSpecCodec;
import dev.switchboard.gateway.targets.store.StoredTarget;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A target as the API shows it: the stored spec with each secret that is set shown as
 * {@value AuthSpec#REDACTED}, plus who owns it and its revision. Built from the stored row, which
 * holds no plaintext secret, so a secret cannot leak through this path even by mistake.
 */
public record TargetView(String id, String origin, long revision, Instant createdAt, Instant updatedAt, TargetSpec spec) {

    static TargetView of(StoredTarget stored) {
        TargetSpec spec = TargetSpecCodec.fromStoredJson(stored.specJson());
        Map<String, String> masks = new HashMap<>();
        stored.sealedSecrets().keySet().forEach(field -> masks.put(field, AuthSpec.REDACTED));
        return new TargetView(stored.id(), stored.origin().dbValue(), stored.revision(), stored.createdAt(),
                stored.updatedAt(), spec.withAuth(spec.auth().withSecrets(masks)));
    }
}
