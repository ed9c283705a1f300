package dev.switchboard.gateway.targets.store;

import dev.switchboard.gateway.secrets.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seals a target's secret fields one by one, each bound to {@code target/<id>/<field>} so a sealed
 * value moved to another target or field does not open.
 */
@ApplicationScoped
public class TargetSecretSealer {

    private final SecretBox box;

    @Inject
    public TargetSecretSealer(SecretBox box) {
        this.box = box;
    }

    public Map<String, String> seal(String targetId, Map<String, String> secrets) {
        Map<String, String> out = new LinkedHashMap<>();
        secrets.forEach((field, value) -> out.put(field, box.seal(value, context(targetId, field))));
        return out;
    }

    /** @throws dev.switchboard.gateway.secrets.SecretException when the key is wrong or a value was altered */
    public Map<String, String> open(String targetId, Map<String, String> sealed) {
        Map<String, String> out = new LinkedHashMap<>();
        sealed.forEach((field, value) -> out.put(field, box.open(value, context(targetId, field))));
        return out;
    }

    private static String context(String targetId, String field) {
        return "target/" + targetId + "/" + field;
    }
}
