package dev.switchboard.benchmarks.harness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knobs an operator turns for throughput, in one value so every run prints exactly what it
 * used. Target-level values end up in the targets file, process-level ones as {@code -D} settings.
 *
 * @param concurrencyPerTarget requests in flight per target (targets file {@code concurrency})
 * @param ratePerSecond        target rate limit; set far above what the machine can do so it never binds
 * @param workerThreads        {@code switchboard.delivery.worker-threads}
 * @param batchSize            {@code switchboard.delivery.batch-size}: tasks claimed per target per round
 * @param maxEvents            {@code switchboard.sources.<name>.max-events}: SETs asked for per poll
 * @param dbPool               {@code quarkus.datasource.jdbc.max-size}: connections to PostgreSQL
 * @param prefetch             {@code switchboard.delivery.prefetch}: tasks claimed per target beyond its free slots
 * @param jvmOptions           the gateway JVM's heap and GC options
 */
public record GatewaySettings(int concurrencyPerTarget, int ratePerSecond, int workerThreads, int batchSize,
                              int maxEvents, int dbPool, int prefetch, List<String> jvmOptions) {

    public GatewaySettings {
        if (concurrencyPerTarget < 1 || workerThreads < 1 || batchSize < 1 || maxEvents < 1 || ratePerSecond < 1 || dbPool < 1
                || prefetch < 0) {
            throw new IllegalArgumentException("settings must be positive: " + this);
        }
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** What the measurements in docs/benchmarks.md used unless a run says otherwise. */
    public static GatewaySettings tuned() {
        return new GatewaySettings(32, 100_000, 96, 50, 500, 50, 0, List.of("-Xmx512m"));
    }

    /**
     * Reads {@code --concurrency=}, {@code --target-rate=}, {@code --worker-threads=}, {@code --batch-size=},
     * {@code --max-events=}, {@code --db-pool=}, {@code --prefetch=}, {@code --xmx=} ({@code default}: no -Xmx) and {@code --jvm-extra=} (space
     * separated options added to the gateway JVM, e.g. a flight recording for profiling).
     */
    public GatewaySettings overriddenBy(Map<String, String> options) {
        List<String> jvm = new java.util.ArrayList<>(options.containsKey("xmx")
                ? (options.get("xmx").equals("default") ? List.of() : List.of("-Xmx" + options.get("xmx")))
                : jvmOptions);
        if (options.containsKey("jvm-extra")) {
            jvm.addAll(List.of(options.get("jvm-extra").trim().split("\\s+")));
        }
        return new GatewaySettings(
                intOption(options, "concurrency", concurrencyPerTarget),
                intOption(options, "target-rate", ratePerSecond),
                intOption(options, "worker-threads", workerThreads),
                intOption(options, "batch-size", batchSize),
                intOption(options, "max-events", maxEvents),
                intOption(options, "db-pool", dbPool),
                intOption(options, "prefetch", prefetch),
                jvm);
    }

    /** The process-level part, for {@code GatewayProcess}. */
    public Map<String, String> processConfig(String source) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("switchboard.delivery.worker-threads", String.valueOf(workerThreads));
        config.put("switchboard.delivery.batch-size", String.valueOf(batchSize));
        config.put("switchboard.sources." + source + ".max-events", String.valueOf(maxEvents));
        config.put("quarkus.datasource.jdbc.max-size", String.valueOf(dbPool));
        config.put("switchboard.delivery.prefetch", String.valueOf(prefetch));
        config.put("switchboard.sources." + source + ".long-poll-wait", Duration.ofSeconds(15).toString());
        return config;
    }

    /** One line per setting, for the printed report. */
    public Map<String, String> describe() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("target concurrency", String.valueOf(concurrencyPerTarget));
        rows.put("target rateLimit.perSecond / burst", ratePerSecond + " / " + ratePerSecond);
        rows.put("delivery.worker-threads", String.valueOf(workerThreads));
        rows.put("delivery.batch-size", String.valueOf(batchSize));
        rows.put("sources.hub.max-events", String.valueOf(maxEvents));
        rows.put("quarkus.datasource.jdbc.max-size", String.valueOf(dbPool));
        rows.put("delivery.prefetch", String.valueOf(prefetch));
        rows.put("gateway JVM options", jvmOptions.isEmpty() ? "(JVM defaults)" : String.join(" ", jvmOptions));
        return rows;
    }

    private static int intOption(Map<String, String> options, String key, int fallback) {
        return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
    }
}
