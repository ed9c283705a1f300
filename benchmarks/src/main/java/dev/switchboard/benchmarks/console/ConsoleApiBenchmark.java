package dev.switchboard.benchmarks.console;

import dev.switchboard.gateway.testing.GatewayProcess;
import dev.switchboard.testkit.postgres.TestDatabase;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How fast the console's API answers on a busy deployment's data: starts the packaged PostgreSQL
 * gateway (workers off, so the data stays as generated), fills its database with
 * {@link ConsoleDataGenerator}, and times each console read several times after two warm-up calls.
 *
 * <p>{@code java -Dgateway.runner=gateway/target/postgresql/quarkus-run.jar -cp … ConsoleApiBenchmark [repeats]};
 * wrap it in {@code flock /tmp/switchboard-bench.lock} on a shared machine.
 */
public final class ConsoleApiBenchmark {

    private static final String PERSON = "00000000-0000-4000-8000-000000012345";
    private static final List<String> PATHS = List.of(
            "/api/v1/overview",
            "/api/v1/targets/app-50/series?minutes=60",
            "/api/v1/targets/app-50/series?minutes=1440",
            "/api/v1/people?q=user0999&limit=50",
            "/api/v1/people?idp=saml-idp&limit=50",
            "/api/v1/people/hub/" + PERSON,
            "/api/v1/events?limit=100",
            "/api/v1/events?subject=" + PERSON,
            "/api/v1/delivery/targets");

    private ConsoleApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ConsoleDataGenerator.Spec spec = ConsoleDataGenerator.Spec.consoleBenchmark();
        Path workDir = Files.createTempDirectory("sb-console-bench-");
        Path targetsFile = workDir.resolve("targets.yaml");
        Files.writeString(targetsFile, ConsoleDataGenerator.targetsYaml(spec.targets()));
        try (TestDatabase database = TestDatabase.create("sb_console_bench");
             GatewayProcess gateway = GatewayProcess.start(workDir, database, Map.of(
                     "switchboard.targets.file", targetsFile.toString(),
                     "switchboard.delivery.worker-enabled", "false"))) {
            ConsoleDataGenerator.Summary summary;
            try (Connection c = database.connect()) {
                summary = new ConsoleDataGenerator(spec, Instant.now()).fill(c);
            }
            System.out.printf("data: %s; load average %.2f%n", summary, load());
            HttpClient http = HttpClient.newHttpClient();
            System.out.println("| call | status | median ms | p90 ms | max ms |");
            System.out.println("|---|---|---|---|---|");
            for (String path : PATHS) {
                URI url = gateway.baseUrl().resolve(path);
                time(http, url);
                time(http, url);
                List<Long> millis = new ArrayList<>();
                int status = 0;
                for (int i = 0; i < repeats; i++) {
                    long started = System.nanoTime();
                    status = time(http, url);
                    millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                }
                millis.sort(Long::compare);
                System.out.printf("| `GET %s` | %d | %d | %d | %d |%n", path, status, millis.get(millis.size() / 2),
                        millis.get((int) Math.ceil(millis.size() * 0.9) - 1), millis.get(millis.size() - 1));
            }
            System.out.printf("load average after: %.2f%n", load());
        }
    }

    private static int time(HttpClient http, URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
