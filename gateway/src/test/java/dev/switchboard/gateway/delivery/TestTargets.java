package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Targets a test registers by hand, listed in id order; enabled by {@link DeliveryTestProfile}. */
@Alternative
@Singleton
public class TestTargets implements TargetRegistry {

    private final Map<String, TargetDefinition> targets = new ConcurrentSkipListMap<>();

    public void register(TargetDefinition target) {
        targets.put(target.id(), target);
    }

    public void clear() {
        targets.clear();
    }

    @Override
    public List<TargetDefinition> all() {
        return List.copyOf(targets.values());
    }

    @Override
    public Optional<TargetDefinition> byId(String id) {
        return Optional.ofNullable(targets.get(id));
    }
}
