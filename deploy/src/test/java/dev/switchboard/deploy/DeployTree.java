package dev.switchboard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the checked files live in the repository, and the versions the build was run with. */
final class DeployTree {

    static final String SECRET_PLACEHOLDER_PREFIX = "change-me-";
    static final Path ROOT = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
    static final Path PRODUCTION = ROOT.resolve("deploy/kubernetes/overlays/production");
    static final Path COMPOSE = ROOT.resolve("deploy/compose/compose.yaml");
    static final Path COMPOSE_ENV_EXAMPLE = ROOT.resolve("deploy/compose/.env.example");
    static final Path KEYCLOAK_CONTAINERFILE = ROOT.resolve("deploy/image/keycloak/Containerfile");
    static final Path GATEWAY_POM = ROOT.resolve("gateway/pom.xml");
    static final Path GATEWAY_CLASSES = ROOT.resolve("gateway/target/classes");
    static final Path GATEWAY_PROPERTIES = ROOT.resolve("gateway/src/main/resources/application.properties");
    /** The configuration reference; its Quarkus rows are checked against Quarkus by the gateway's docs tests. */
    static final Path CONFIGURATION_REFERENCE = ROOT.resolve("docs/configuration.md");

    /** Secret-bearing variables, by their last word: these must never carry a literal value. */
    private static final Pattern SECRET_NAME = Pattern.compile("(^|_)(PASSWORD|SECRET|TOKEN|KEY)$");

    private DeployTree() {
    }

    static String projectVersion() {
        return required("project.version");
    }

    static String keycloakVersion() {
        return required("keycloak.version");
    }

    static boolean isSecretName(String envName) {
        return SECRET_NAME.matcher(envName).find();
    }

    /** The single value of {@code <name>value</name>} in an XML file read as text. */
    static String xmlElement(Path file, String name) throws java.io.IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">")
                .matcher(Files.readString(file));
        if (!m.find()) {
            throw new AssertionError("<%s> not found in %s".formatted(name, file));
        }
        String value = m.group(1).trim();
        if (m.find()) {
            throw new AssertionError("<%s> appears more than once in %s".formatted(name, file));
        }
        return value;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new AssertionError("system property " + property + " is not set: run the tests through Maven");
        }
        return value;
    }
}
