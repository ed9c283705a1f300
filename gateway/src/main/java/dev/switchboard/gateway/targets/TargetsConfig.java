package dev.switchboard.gateway.targets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where targets come from besides the admin API, and how often the registry looks for changes. */
@ConfigMapping(prefix = "switchboard.targets")
public interface TargetsConfig {

    /** A YAML file of targets (GitOps). Its targets are read-only through the API. */
    Optional<Path> file();

    /**
     * How often the file is re-read (when its content changed) and the database checked for changes
     * made by other replicas. Read by the scheduler as {@code switchboard.targets.refresh-interval}.
     */
    @WithDefault("10s")
    Duration refreshInterval();
}
