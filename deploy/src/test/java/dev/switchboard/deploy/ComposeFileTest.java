package dev.switchboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/compose/compose.yaml}: the three services with healthchecks, start order on
 * health, and secrets that come only from the operator's {@code .env} (whose committed example
 * holds placeholders for every one).
 */
class ComposeFileTest {

    /** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME:?message}}. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(:?[-?][^}]*)?}");

    @Test
    void everyService_hasAHealthcheck() {
        JsonNode services = ComposeFile.read().path("services");
        assertThat(services.size()).isEqualTo(3);
        services.fields().forEachRemaining(service ->
                assertThat(service.getValue().path("healthcheck").path("test").isArray())
                        .as("healthcheck of " + service.getKey()).isTrue());
    }

    @Test
    void gateway_startsOnlyOnceItsDatabaseAndKeycloakAreHealthy() {
        JsonNode dependsOn = ComposeFile.read().path("services").path("gateway").path("depends_on");
        assertThat(dependsOn.path("postgres").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("keycloak").path("condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void secretVariables_areRequiredFromTheEnvironmentFile_whoseExampleHoldsPlaceholders() throws Exception {
        Properties example = new Properties();
        try (var in = Files.newInputStream(DeployTree.COMPOSE_ENV_EXAMPLE)) {
            example.load(in);
        }
        Set<String> required = new TreeSet<>();
        ComposeFile.read().path("services").fields().forEachRemaining(service -> {
            for (Map.Entry<String, JsonNode> env : iterable(service.getValue().path("environment"))) {
                if (!DeployTree.isSecretName(env.getKey())) {
                    continue;
                }
                Matcher m = INTERPOLATION.matcher(env.getValue().asText());
                assertThat(m.matches()).as("%s of %s is a literal, not ${VAR:?...}", env.getKey(), service.getKey()).isTrue();
                assertThat(m.group(2)).as("%s of %s must be required (:?)", env.getKey(), service.getKey()).startsWith(":?");
                required.add(m.group(1));
            }
        });
        assertThat(required).contains("SWITCHBOARD_DB_PASSWORD", "SWITCHBOARD_SECRETS_KEY", "SWITCHBOARD_HUB_CLIENT_SECRET");
        for (String name : required) {
            assertThat(example.getProperty(name)).as(name + " in .env.example").startsWith(DeployTree.SECRET_PLACEHOLDER_PREFIX);
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
