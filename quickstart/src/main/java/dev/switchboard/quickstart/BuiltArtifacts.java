package dev.switchboard.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where the build put what the demo runs. A missing piece means the build step was skipped or
 * failed, and the message says how to get it.
 */
final class BuiltArtifacts {

    private static final String REBUILD = "run ./quickstart.sh without --skip-build";

    private BuiltArtifacts() {
    }

    static Path gatewayRunner(Path root) {
        Path runner = root.resolve("gateway/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(runner)) {
            throw new UsageException("the gateway is not built (no %s); %s".formatted(runner, REBUILD));
        }
        return runner;
    }

    static Path extensionJar(Path root) {
        Path dir = root.resolve("keycloak-extension/provider/target");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                var jar = files.filter(p -> p.getFileName().toString().matches("switchboard-keycloak-extension-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
                        .findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        throw new UsageException("the Keycloak extension is not built (no jar in %s); %s".formatted(dir, REBUILD));
    }

    /**
     * The Keycloak zip in the local Maven repository the build used (which {@code MAVEN_ARGS} or
     * settings may have moved from {@code ~/.m2}), handed to the test kit unless one is set already.
     */
    static void useKeycloakZipOfTheBuild() {
        if (System.getProperty("switchboard.keycloak.dist.zip") != null) {
            return;
        }
        Properties build = new Properties();
        try (InputStream in = BuiltArtifacts.class.getResourceAsStream("/quickstart-build.properties")) {
            if (in == null) {
                throw new IllegalStateException("quickstart-build.properties missing from the launcher jar");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read quickstart-build.properties", e);
        }
        Path zip = Path.of(build.getProperty("keycloak.dist.zip"));
        if (Files.isRegularFile(zip)) {
            System.setProperty("switchboard.keycloak.dist.zip", zip.toString());
        }
    }
}
