package dev.switchboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.postgres.TestDatabase;
import dev.switchboard.testkit.process.LoopbackPorts;
import dev.switchboard.testkit.process.ManagedProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged PostgreSQL build of the gateway (what the image runs) with exactly the
 * environment the production overlay gives its container, changing only what must point at this
 * machine: the database URL and user, the targets file's path, the listening port, and the secret
 * values. Then the gateway must answer every probe the overlay declares, and show that it read the
 * variables: its schema is in the named database, the targets file was loaded with its
 * {@code ${env:...}} secret resolved, and the source named by {@code SWITCHBOARD_SOURCES_HUB_*} exists.
 */
class ManifestEnvironmentTest {

    private static final String SECRETS_KEY = "ZGVwbG95LXRlc3Qta2V5LTMyLWJ5dGVzLWxvbmctISE=";

    @TempDir
    Path workDir;

    @Test
    void productionOverlayEnvironment_startsThePackagedGateway_whichAnswersEveryDeclaredProbe() throws Exception {
        Manifests rendered = Kustomize.render(DeployTree.PRODUCTION);
        Manifests.Container gateway = rendered.container("Deployment", "switchboard-gateway", "gateway");
        Path runner = Path.of(System.getProperty("gateway.runner", "missing"));
        assertThat(runner).as("the gateway's PostgreSQL build; run through 'mvn verify' so it is packaged first").isRegularFile();

        Path targetsFile = workDir.resolve("targets.yaml");
        Files.writeString(targetsFile, rendered.get("ConfigMap", volumeConfigMap(rendered, gateway, "/etc/switchboard"))
                .path("data").path("targets.yaml").asText());

        try (TestDatabase database = TestDatabase.create("sb_deploy")) {
            Map<String, String> env = new LinkedHashMap<>();
            for (JsonNode entry : gateway.env()) {
                String name = entry.path("name").asText();
                env.put(name, rendered.plainValue(entry).orElseGet(() -> testSecret(name)));
            }
            assertThat(env).containsKeys("SWITCHBOARD_DB_URL", "SWITCHBOARD_DB_USER", "SWITCHBOARD_TARGETS_FILE");
            env.put("SWITCHBOARD_DB_URL", database.jdbcUrl());
            env.put("SWITCHBOARD_DB_USER", database.user());
            env.put("SWITCHBOARD_DB_PASSWORD", database.password());
            env.put("SWITCHBOARD_TARGETS_FILE", targetsFile.toString());
            int port = LoopbackPorts.free();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            // the operators' Keycloak is not started here: sign-in points at a closed loopback port, which
            // the gateway must survive (probes stay open; the console answers once Keycloak is reachable)
            assertThat(env).containsKey("QUARKUS_OIDC_AUTH_SERVER_URL");
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:" + LoopbackPorts.free() + "/realms/ops");

            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", runner.toAbsolutePath().toString());
            try (ManagedProcess process = ManagedProcess.builder("gateway", command)
                    .workingDirectory(workDir).env(env).start()) {
                URI base = URI.create("http://127.0.0.1:" + port);
                process.awaitHttp(base.resolve("/q/health/live"), Duration.ofMinutes(3));
                HttpClient http = HttpClient.newHttpClient();

                List<String> probes = new ArrayList<>();
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    String path = gateway.spec().path(probe).path("httpGet").path("path").asText();
                    HttpResponse<String> response = get(http, base.resolve(path));
                    assertThat(response.statusCode()).as("%s %s: %s", probe, path, response.body()).isEqualTo(200);
                    assertThat(Manifests.YAML.readTree(response.body()).path("status").asText()).as(probe).isEqualTo("UP");
                    probes.add(path);
                }
                assertThat(probes).hasSize(3);

                HttpResponse<String> sources = get(http, base.resolve("/q/health/group/sources"));
                assertThat(sources.body()).as("source 'hub' from SWITCHBOARD_SOURCES_HUB_*").contains("\"hub\"");
                assertThat(targetIds(database)).as("targets loaded from SWITCHBOARD_TARGETS_FILE").containsExactly("app-a");
            }
        }
    }

    /** The secret values the test stands in for; the gateway needs a real key, the others any text. */
    private static String testSecret(String name) {
        return name.equals("SWITCHBOARD_SECRETS_KEY") ? SECRETS_KEY : "test-value-for-" + name;
    }

    private static String volumeConfigMap(Manifests rendered, Manifests.Container container, String mountPath) {
        String volume = null;
        for (JsonNode mount : container.spec().path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(mountPath)) {
                volume = mount.path("name").asText();
            }
        }
        assertThat(volume).as("a volume mounted at " + mountPath).isNotNull();
        for (JsonNode candidate : rendered.get("Deployment", "switchboard-gateway").path("spec").path("template")
                .path("spec").path("volumes")) {
            if (candidate.path("name").asText().equals(volume)) {
                return candidate.path("configMap").path("name").asText();
            }
        }
        throw new AssertionError("volume " + volume + " is not declared");
    }

    private static List<String> targetIds(TestDatabase database) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM target ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
