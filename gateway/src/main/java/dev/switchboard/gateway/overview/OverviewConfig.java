package dev.switchboard.gateway.overview;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the activity rollup behind the overview is kept. */
@ConfigMapping(prefix = "switchboard.overview")
interface OverviewConfig {

    /** How often the rollup runs; the overview's rates and charts lag by at most this. */
    @WithDefault("10s")
    Duration rollupInterval();

    /**
     * How many closed minutes each run recomputes besides the current one: attempts reach the log a
     * little after they happen (they are written in batches), so a minute is counted again later.
     */
    @WithDefault("2")
    int recountMinutes();

    /** How long per-minute rows are kept (the charts show at most this far back). */
    @WithDefault("8d")
    Duration retention();
}
