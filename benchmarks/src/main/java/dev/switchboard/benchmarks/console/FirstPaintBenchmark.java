package dev.switchboard.benchmarks.console;

import dev.switchboard.benchmarks.harness.ResultTable;
import dev.switchboard.gateway.testing.GatewayProcess;
import dev.switchboard.testkit.postgres.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The console overview's first paint and time to data shown, in headless Chromium, against the
 * packaged gateway on a PostgreSQL database filled by {@link ConsoleDataGenerator} (by default 50
 * targets, 100,000 people, 1,000,000 attempts). Delivery workers are off: nothing listens at the
 * generated targets, and the figure is about reading, not delivering. The first load uses an empty
 * browser cache (an operator on a new machine); the following ones reuse it.
 */
public final class FirstPaintBenchmark {

    /** The goal for the overview's first paint. */
    static final double FIRST_PAINT_GOAL_MS = 1000;

    private final ConsoleDataGenerator.Spec spec;
    private final int loads;
    private final String chromium;
    private final String chromedriver;

    public FirstPaintBenchmark(ConsoleDataGenerator.Spec spec, int loads, String chromium, String chromedriver) {
        if (loads < 2) {
            throw new IllegalArgumentException("loads must be >= 2 (one cold, at least one warm), was " + loads);
        }
        this.spec = spec;
        this.loads = loads;
        this.chromium = chromium;
        this.chromedriver = chromedriver;
    }

    public ResultTable run() {
        try (TestDatabase database = TestDatabase.create("sb_bench_console")) {
            Path workDir = Files.createTempDirectory("sb-bench-console-");
            Path targets = workDir.resolve("targets.yaml");
            Files.writeString(targets, ConsoleDataGenerator.targetsYaml(spec.targets()));
            Map<String, String> config = new LinkedHashMap<>();
            config.put("switchboard.targets.file", targets.toString());
            config.put("switchboard.delivery.worker-enabled", "false");
            try (GatewayProcess gateway = GatewayProcess.start(workDir, database, config)) {
                ConsoleDataGenerator.Summary data;
                try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                    data = new ConsoleDataGenerator(spec, Instant.now()).fill(connection);
                    // what autovacuum would do shortly after a bulk load; without it the planner guesses row counts
                    statement.execute("ANALYZE");
                }
                ResultTable table = measure(gateway.baseUrl(), "%,d targets, %,d people, %,d links, %,d attempts, %,d pending, %,d dead letters"
                        .formatted(data.targets(), data.people(), data.links(), data.attempts(), data.pending(), data.dead()));
                table.add("data generated in", "%.1f s".formatted(data.took().toMillis() / 1000.0));
                return table;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("benchmark setup failed", e);
        } catch (SQLException e) {
            throw new IllegalStateException("generating the console data failed", e);
        }
    }

    private ResultTable measure(URI gateway, String dataDescription) {
        URI console = gateway.resolve("/console/");
        List<FirstPaintProbe.Sample> samples = new ArrayList<>();
        try (FirstPaintProbe probe = FirstPaintProbe.start(chromium, chromedriver)) {
            for (int i = 0; i < loads; i++) {
                samples.add(probe.load(console, Duration.ofMinutes(2)));
            }
        }
        // after the browser, so its first load also meets a gateway that has not answered this query before
        List<Double> apiMillis = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            apiMillis.add(overviewApiMillis(gateway));
        }
        FirstPaintProbe.Sample cold = samples.get(0);
        List<FirstPaintProbe.Sample> warm = samples.subList(1, samples.size());
        double warmFcp = median(warm, FirstPaintProbe.Sample::firstContentfulPaintMs);
        ResultTable table = new ResultTable("Ops console overview: first paint and data shown (%s)".formatted(dataDescription));
        table.add("target rows shown", Long.toString(cold.rows()));
        table.add("first paint, cold cache", ms(cold.firstPaintMs()));
        table.add("first contentful paint, cold cache", ms(cold.firstContentfulPaintMs()), "< 1000 ms",
                cold.firstContentfulPaintMs() >= 0 && cold.firstContentfulPaintMs() < FIRST_PAINT_GOAL_MS);
        table.add("data shown, cold cache", ms(cold.dataShownMs()));
        table.add("first contentful paint, warm (median of %d)".formatted(warm.size()), ms(warmFcp), "< 1000 ms",
                warmFcp >= 0 && warmFcp < FIRST_PAINT_GOAL_MS);
        table.add("data shown, warm (median / max)", "%s / %s".formatted(
                ms(median(warm, FirstPaintProbe.Sample::dataShownMs)),
                ms(warm.stream().mapToDouble(FirstPaintProbe.Sample::dataShownMs).max().orElse(-1))));
        table.add("GET /api/v1/overview (median / max of %d)".formatted(apiMillis.size()), "%s / %s".formatted(
                ms(median(apiMillis, Double::doubleValue)), ms(apiMillis.stream().mapToDouble(Double::doubleValue).max().orElse(-1))));
        return table;
    }

    /** The overview API call alone, from a plain HTTP client (no browser): the server's share of "data shown". */
    private static double overviewApiMillis(URI gateway) {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/overview"))
                .header("Accept", "application/json").GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/v1/overview answered %d: %s".formatted(response.statusCode(), response.body()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("GET /api/v1/overview failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> metric) {
        double[] sorted = values.stream().mapToDouble(metric).sorted().toArray();
        if (sorted.length == 0) {
            return -1;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String ms(double millis) {
        return millis < 0 ? "n/a" : "%.0f ms".formatted(millis);
    }
}
