package dev.switchboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders {@code deploy/kubernetes/overlays/production} with {@code kubectl kustomize} and checks
 * what an operator relies on: three gateway replicas that a disruption cannot all take down,
 * probes on the gateway's health endpoints, every variable a setting the gateway really reads,
 * every secret from a Secret, requests and limits everywhere, and one name per image.
 */
class ProductionOverlayTest {

    private static final String GATEWAY = "switchboard-gateway";
    /** Variables the JVM itself reads, not the application. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_.]*)}");

    private static Manifests rendered;
    private static GatewayConfiguration gatewayConfig;

    @BeforeAll
    static void render() {
        rendered = Kustomize.render(DeployTree.PRODUCTION);
        gatewayConfig = GatewayConfiguration.of(DeployTree.GATEWAY_CLASSES, DeployTree.GATEWAY_PROPERTIES,
                DeployTree.CONFIGURATION_REFERENCE);
    }

    private static Manifests.Container gateway() {
        return rendered.container("Deployment", GATEWAY, "gateway");
    }

    @Test
    void gateway_runsThreeReplicas() {
        assertThat(rendered.get("Deployment", GATEWAY).path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void gatewayDisruptionBudget_selectsTheGatewayPods_andKeepsTwoOfThreeUp() {
        JsonNode budget = rendered.get("PodDisruptionBudget", GATEWAY).path("spec");
        JsonNode podLabels = rendered.get("Deployment", GATEWAY).path("spec").path("template").path("metadata").path("labels");
        budget.path("selector").path("matchLabels").fields().forEachRemaining(label ->
                assertThat(podLabels.path(label.getKey()).asText()).as("pod label " + label.getKey()).isEqualTo(label.getValue().asText()));
        assertThat(budget.path("selector").path("matchLabels").size()).isPositive();
        assertThat(budget.path("minAvailable").asInt()).isEqualTo(2);
        assertThat(budget.has("maxUnavailable")).as("only one of minAvailable/maxUnavailable may be set").isFalse();
    }

    @Test
    void everyContainer_hasCpuAndMemoryRequestsAndLimits() {
        List<Manifests.Container> containers = rendered.containers();
        assertThat(containers).extracting(c -> c.workload() + "/" + c.name())
                .contains("Deployment/switchboard-gateway/gateway", "Deployment/keycloak/keycloak", "StatefulSet/postgres/postgres");
        for (Manifests.Container container : containers) {
            JsonNode resources = container.spec().path("resources");
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(resources.path(bound).path(resource).asText())
                            .as("%s %s %s.%s", container.workload(), container.name(), bound, resource).isNotBlank();
                }
            }
        }
    }

    @Test
    void everySecretVariable_isReadWithSecretKeyRef_fromAKeyTheRenderedSecretHas() {
        List<String> checked = new ArrayList<>();
        for (Manifests.Container container : rendered.containers()) {
            for (JsonNode env : container.env()) {
                String name = env.path("name").asText();
                JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                if (DeployTree.isSecretName(name)) {
                    assertThat(env.has("value")).as("%s in %s has a literal value", name, container.workload()).isFalse();
                    assertThat(ref.isMissingNode()).as("%s in %s is not a secretKeyRef", name, container.workload()).isFalse();
                }
                if (!ref.isMissingNode()) {
                    JsonNode secret = rendered.get("Secret", ref.path("name").asText());
                    assertThat(secret.path("data").has(ref.path("key").asText()))
                            .as("Secret %s has key %s (for %s)", ref.path("name").asText(), ref.path("key").asText(), name).isTrue();
                    checked.add(name);
                }
            }
        }
        assertThat(checked).contains("SWITCHBOARD_DB_PASSWORD", "SWITCHBOARD_SECRETS_KEY",
                "SWITCHBOARD_SOURCES_HUB_CLIENT_SECRET", "KC_DB_PASSWORD", "POSTGRES_PASSWORD");
    }

    @Test
    void renderedSecrets_holdOnlyPlaceholders() {
        List<JsonNode> secrets = rendered.ofKind("Secret");
        assertThat(secrets).isNotEmpty();
        for (JsonNode secret : secrets) {
            assertThat(secret.has("stringData")).isFalse();
            secret.path("data").fields().forEachRemaining(entry -> {
                String value = new String(Base64.getDecoder().decode(entry.getValue().asText()), StandardCharsets.UTF_8);
                assertThat(value).as("committed value of %s/%s", secret.path("metadata").path("name").asText(), entry.getKey())
                        .startsWith(DeployTree.SECRET_PLACEHOLDER_PREFIX);
            });
        }
    }

    @Test
    void everyConfigMapReference_resolvesToARenderedKey() {
        for (Manifests.Container container : rendered.containers()) {
            for (JsonNode env : container.env()) {
                JsonNode ref = env.path("valueFrom").path("configMapKeyRef");
                if (!ref.isMissingNode()) {
                    assertThat(rendered.plainValue(env)).as("%s in %s", env.path("name").asText(), container.workload()).isPresent();
                }
            }
        }
        for (JsonNode workload : rendered.documents()) {
            workload.path("spec").path("template").path("spec").path("volumes").forEach(volume -> {
                if (volume.has("configMap")) {
                    assertThat(rendered.find("ConfigMap", volume.path("configMap").path("name").asText()))
                            .as("volume %s", volume.path("name").asText()).isPresent();
                }
            });
        }
    }

    @Test
    void everyGatewayVariable_setsAPropertyTheGatewayReads_orASecretTheTargetsFileReferences() {
        Set<String> targetsFileReferences = targetsFileReferences();
        assertThat(targetsFileReferences).isNotEmpty();
        List<String> unknown = new ArrayList<>();
        for (String name : gateway().envNames()) {
            if (!JVM_VARIABLES.contains(name) && !targetsFileReferences.contains(name) && !gatewayConfig.readsEnv(name)) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("variables the gateway does not read").isEmpty();
        assertThat(gateway().envNames()).as("every ${env:...} of the targets file is set").containsAll(targetsFileReferences);
    }

    @Test
    void variableCheck_rejectsAMisspelledOrUnknownSetting() {
        assertThat(gatewayConfig.readsEnv("SWITCHBOARD_DELIVERY_WORKER_THREADS")).isTrue();
        assertThat(gatewayConfig.readsEnv("SWITCHBOARD_SOURCES_HUB_CLIENT_SECRET")).isTrue();
        assertThat(gatewayConfig.readsEnv("SWITCHBOARD_DELIVERY_WORKER_THREDS")).isFalse();
        assertThat(gatewayConfig.readsEnv("SWITCHBOARD_SOURCES_HUB_CLIENT_SECRT")).isFalse();
        assertThat(gatewayConfig.readsEnv("SWITCHBOARD_DATABASE_URL")).isFalse();
    }

    @Test
    void gatewayProbes_useItsHealthEndpoints_onItsHttpPort() throws Exception {
        JsonNode container = gateway().spec();
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");

        Properties properties = new Properties();
        try (var in = Files.newInputStream(DeployTree.GATEWAY_PROPERTIES)) {
            properties.load(in);
        }
        int httpPort = Integer.parseInt(properties.getProperty("quarkus.http.port"));
        Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            String port = container.path(probe).path("httpGet").path("port").asText();
            assertThat(ports.get(port)).as(probe + " port " + port).isEqualTo(httpPort);
        }
        JsonNode service = rendered.get("Service", GATEWAY).path("spec").path("ports").get(0);
        assertThat(ports.get(service.path("targetPort").asText())).as("Service targetPort").isEqualTo(httpPort);
    }

    @Test
    void images_areNamedAlikeInKubernetesComposeAndTheImageRecipes() throws Exception {
        String gatewayImage = "%s/%s:%s".formatted(
                DeployTree.xmlElement(DeployTree.GATEWAY_POM, "quarkus.container-image.group"),
                DeployTree.xmlElement(DeployTree.GATEWAY_POM, "quarkus.container-image.name"),
                DeployTree.projectVersion());
        String keycloakImage = "switchboard/keycloak:" + DeployTree.keycloakVersion();
        assertThat(gateway().spec().path("image").asText()).isEqualTo(gatewayImage);
        assertThat(rendered.container("Deployment", "keycloak", "keycloak").spec().path("image").asText()).isEqualTo(keycloakImage);

        JsonNode compose = ComposeFile.read();
        assertThat(compose.path("services").path("gateway").path("image").asText()).isEqualTo(gatewayImage);
        assertThat(compose.path("services").path("keycloak").path("image").asText()).isEqualTo(keycloakImage);
        assertThat(compose.path("services").path("postgres").path("image").asText())
                .isEqualTo(rendered.container("StatefulSet", "postgres", "postgres").spec().path("image").asText());

        String containerfile = Files.readString(DeployTree.KEYCLOAK_CONTAINERFILE);
        Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(containerfile);
        List<String> bases = new ArrayList<>();
        while (from.find()) {
            bases.add(from.group(1));
        }
        assertThat(bases).isNotEmpty().allMatch(b -> b.equals("quay.io/keycloak/keycloak:" + DeployTree.keycloakVersion()));
    }

    @Test
    void sourceIssuer_isKeycloaksPublicUrl_whileTheGatewayCallsKeycloakInsideTheCluster() {
        Manifests.Container keycloak = rendered.container("Deployment", "keycloak", "keycloak");
        String publicUrl = rendered.envValue(keycloak, "KC_HOSTNAME");
        assertThat(rendered.envValue(gateway(), "SWITCHBOARD_SOURCES_HUB_ISSUER")).isEqualTo(publicUrl + "/realms/hub");

        int servicePort = rendered.get("Service", "keycloak").path("spec").path("ports").get(0).path("port").asInt();
        String inCluster = "http://keycloak:%d/realms/hub/".formatted(servicePort);
        for (String call : List.of("POLL_URL", "TOKEN_URL", "JWKS_URL")) {
            assertThat(rendered.envValue(gateway(), "SWITCHBOARD_SOURCES_HUB_" + call)).startsWith(inCluster);
        }
        assertThat(rendered.envValue(keycloak, "KC_HOSTNAME_BACKCHANNEL_DYNAMIC")).isEqualTo("true");

        JsonNode compose = ComposeFile.read().path("services");
        assertThat(compose.path("gateway").path("environment").path("SWITCHBOARD_SOURCES_HUB_ISSUER").asText())
                .isEqualTo(compose.path("keycloak").path("environment").path("KC_HOSTNAME").asText() + "/realms/hub");
    }

    @Test
    void composeGateway_setsTheSameVariablesAsKubernetes() {
        Set<String> composeNames = new TreeSet<>();
        ComposeFile.read().path("services").path("gateway").path("environment").fieldNames().forEachRemaining(composeNames::add);
        assertThat(composeNames).isEqualTo(new TreeSet<>(gateway().envNames()));
    }

    private static Set<String> targetsFileReferences() {
        JsonNode targets = rendered.ofKind("ConfigMap").stream()
                .filter(map -> map.path("data").has("targets.yaml"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap holds targets.yaml"));
        Set<String> names = new TreeSet<>();
        Matcher m = ENV_REFERENCE.matcher(targets.path("data").path("targets.yaml").asText());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
