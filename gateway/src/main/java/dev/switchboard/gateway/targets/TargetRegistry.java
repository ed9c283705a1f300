package dev.switchboard.gateway.targets;

import java.util.List;
import java.util.Optional;

/** The current set of targets, from the YAML file and the admin API, merged and validated. */
public interface TargetRegistry {

    List<TargetDefinition> all();

    Optional<TargetDefinition> byId(String id);
}
