package dev.switchboard.benchmarks;

import dev.switchboard.benchmarks.console.ConsoleDataGenerator;
import dev.switchboard.benchmarks.console.FirstPaintBenchmark;
import dev.switchboard.benchmarks.fanout.FanOutBenchmark;
import dev.switchboard.benchmarks.harness.GatewaySettings;
import dev.switchboard.benchmarks.harness.ResultTable;
import dev.switchboard.benchmarks.intake.IntakeBenchmark;
import dev.switchboard.benchmarks.keycloak.KeycloakBenchSettings;
import dev.switchboard.benchmarks.keycloak.KeycloakBenchmark;
import dev.switchboard.benchmarks.latency.LatencyBenchmark;
import dev.switchboard.benchmarks.memory.MemoryBenchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the gateway benchmarks and prints one table each (see docs/benchmarks.md for commands).
 * Usage: {@code BenchmarkMain fanout|intake|latency|memory|console|all [--key=value ...]}; options:
 * {@code --events}, {@code --intake-targets}, {@code --rate}, {@code --seconds}, {@code --warmup},
 * {@code --pending}, {@code --phases} (fan-out: e2e,drain,bare), {@code --targets}, {@code --people},
 * {@code --attempts}, {@code --loads}, {@code --chromium}, {@code --chromedriver} (console), and the gateway settings of {@link GatewaySettings#overriddenBy(Map)}.
 * Needs the packaged PostgreSQL gateway ({@code -Dgateway.runner=…/quarkus-run.jar}) and PostgreSQL
 * on 127.0.0.1:5432.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: BenchmarkMain fanout|intake|latency|memory|keycloak|console|all [--key=value ...]");
            System.exit(2);
        }
        Map<String, String> options = options(args);
        GatewaySettings settings = GatewaySettings.tuned().overriddenBy(options);
        List<String> which = args[0].equals("all") ? List.of("intake", "fanout", "latency", "memory") : List.of(args[0]);
        System.out.printf("switchboard benchmarks: %s, %d cores, load average %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        for (String name : which) {
            long started = System.nanoTime();
            ResultTable table = switch (name) {
                case "fanout" -> new FanOutBenchmark(intOption(options, "events", 10_000),
                        intOption(options, "fanout-warmup", 3_000), settings,
                        Set.of(options.getOrDefault("phases", "e2e,drain,bare").split(","))).run();
                case "intake" -> new IntakeBenchmark(intOption(options, "events", 20_000),
                        intOption(options, "intake-warmup", 5_000),
                        intOption(options, "intake-targets", 3), settings).run();
                case "latency" -> new LatencyBenchmark(intOption(options, "rate", 100),
                        Duration.ofSeconds(intOption(options, "seconds", 30)),
                        Duration.ofSeconds(intOption(options, "warmup", 5)), settings).run();
                case "memory" -> new MemoryBenchmark(intOption(options, "pending", 100_000), settings).run();
                case "keycloak" -> new KeycloakBenchmark(KeycloakBenchSettings.from(options), settings).run();
                case "console" -> new FirstPaintBenchmark(consoleSpec(options), intOption(options, "loads", 6),
                        options.getOrDefault("chromium", "/usr/bin/chromium"),
                        options.getOrDefault("chromedriver", "/usr/bin/chromedriver")).run();
                default -> throw new IllegalArgumentException("unknown benchmark " + name);
            };
            table.add("run took / load average after", "%.0f s / %s".formatted(
                    (System.nanoTime() - started) / 1e9, loadAverage()));
            table.print(System.out);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("options look like --key=value, not " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    private static int intOption(Map<String, String> options, String key, int fallback) {
        return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
    }

    /** The 1/5/15-minute load averages: how busy the shared machine was during a run. */
    /** The console data set: the size unless {@code --targets}, {@code --people} or {@code --attempts} say otherwise. */
    private static ConsoleDataGenerator.Spec consoleSpec(Map<String, String> options) {
        ConsoleDataGenerator.Spec base = ConsoleDataGenerator.Spec.consoleBenchmark();
        return new ConsoleDataGenerator.Spec(intOption(options, "targets", base.targets()), intOption(options, "people", base.people()),
                intOption(options, "attempts", base.attempts()), base.spread(), base.seed());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
