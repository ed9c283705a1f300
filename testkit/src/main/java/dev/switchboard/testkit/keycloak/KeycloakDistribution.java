package dev.switchboard.testkit.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak server distribution, unzipped once per version into
 * {@code ~/.cache/switchboard/keycloak/<version>} and copied for each instance: copying is much
 * faster than unzipping, and every instance needs its own tree because {@code start-dev}
 * rebuilds {@code lib/quarkus} and keeps its H2 database under {@code data/}.
 */
final class KeycloakDistribution {

    static final String VERSION = "26.7.3";
    static final String ZIP_PROPERTY = "switchboard.keycloak.dist.zip";

    private KeycloakDistribution() {
    }

    /** The zip named by {@value #ZIP_PROPERTY}, else the one Maven put in the local repository. */
    static Path zip() {
        String configured = System.getProperty(ZIP_PROPERTY);
        Path zip = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "keycloak",
                        "keycloak-quarkus-dist", VERSION, "keycloak-quarkus-dist-%s.zip".formatted(VERSION));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(("Keycloak distribution %s not found; build the testkit module once "
                    + "(its pom copies it) or set -D%s").formatted(zip, ZIP_PROPERTY));
        }
        return zip;
    }

    /** Copies a pristine server tree into {@code target} (which must not exist yet). */
    static Path installInto(Path target) {
        Path pristine = pristine();
        try (Stream<Path> tree = Files.walk(pristine)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path destination = target.resolve(pristine.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy Keycloak from %s to %s".formatted(pristine, target), e);
        }
    }

    private static Path pristine() {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "switchboard", "keycloak", VERSION);
        Path home = cache.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        try {
            Files.createDirectories(cache);
            Path staging = Files.createTempDirectory(cache, "unzip-");
            unzip(zip(), staging);
            try {
                Files.move(staging.resolve("keycloak-" + VERSION), home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // another test JVM unpacked the same zip first; both trees are identical
                return home;
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack Keycloak into " + cache, e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry escapes target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    copy(in, out);
                    if (entry.getName().contains("/bin/") && entry.getName().endsWith(".sh")) {
                        Files.setPosixFilePermissions(out, Set.of(PosixFilePermission.OWNER_READ,
                                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
                    }
                }
            }
        }
    }

    private static void copy(InputStream in, Path out) throws IOException {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }
}
