package dev.switchboard.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize}, offline, exactly as an operator's
 * {@code kubectl apply -k} would see it. A missing kubectl is a failure, not a skip: a check that
 * silently does not run would let the manifests drift.
 */
final class Kustomize {

    private Kustomize() {
    }

    static Manifests render(Path directory) {
        Path kubectl = kubectl().orElseThrow(() -> new AssertionError(
                "kubectl not found (looked at -Dkubectl, /usr/bin/kubectl and PATH): the Kubernetes manifests "
                        + "cannot be rendered. Install it, e.g. 'apt-get install kubernetes-client' (.ci/run does)."));
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + directory + " ran longer than 2 minutes");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize %s failed (exit %d): %s"
                            .formatted(directory, process.exitValue(), Files.readString(err, StandardCharsets.UTF_8)));
                }
                return Manifests.parse(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("running " + kubectl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + directory, e);
        }
    }

    private static Optional<Path> kubectl() {
        String configured = System.getProperty("kubectl");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/bin/kubectl")),
                List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                        .filter(dir -> !dir.isBlank())
                        .map(dir -> Path.of(dir, "kubectl")));
        return candidates.filter(Files::isExecutable).findFirst();
    }
}
