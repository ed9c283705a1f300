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
 *
 * <p>The first {@code start-dev} of a tree runs Quarkus augmentation (about 90 seconds on this
 * shared machine). Keycloak skips it when the persisted build options match, so the
 * {@code lib/quarkus} of the first plain instance (no providers, no extra options) is remembered
 * and laid over later plain instances. Any instance whose build options differ is simply
 * re-augmented by Keycloak itself, so a stale overlay costs time, never correctness.
 */
final class KeycloakDistribution {

    static final String VERSION = "26.7.3";
    static final String ZIP_PROPERTY = "switchboard.keycloak.dist.zip";
    private static final String COMPLETE_MARKER = ".switchboard-complete";

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

    /**
     * Copies a pristine server tree into {@code target} (which must not exist yet); with
     * {@code plain}, lays the remembered dev-mode augmentation over it.
     */
    static Path installInto(Path target, boolean plain) {
        Path pristine = pristine();
        try {
            copyTree(pristine, target);
            Path augmented = augmentedLibQuarkus();
            if (plain && Files.isRegularFile(augmented.resolve(COMPLETE_MARKER))) {
                copyTree(augmented, target.resolve("lib/quarkus"));
                Files.delete(target.resolve("lib/quarkus").resolve(COMPLETE_MARKER));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy Keycloak from %s to %s".formatted(pristine, target), e);
        }
    }

    /** Keeps the dev-mode {@code lib/quarkus} of a started plain instance for the next ones. */
    static void rememberAugmentation(Path home) {
        Path augmented = augmentedLibQuarkus();
        if (Files.isDirectory(augmented)) {
            return;
        }
        try {
            Path staging = Files.createTempDirectory(augmented.getParent(), "augmented-");
            copyTree(home.resolve("lib/quarkus"), staging);
            Files.writeString(staging.resolve(COMPLETE_MARKER), "start-dev augmentation of a plain instance\n");
            Files.move(staging, augmented, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // another JVM remembered the same augmentation first
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remember Keycloak augmentation in " + augmented, e);
        }
    }

    private static Path augmentedLibQuarkus() {
        return cacheDir().resolve("start-dev-lib-quarkus");
    }

    private static Path cacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "switchboard", "keycloak", VERSION);
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path destination = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Path pristine() {
        Path cache = cacheDir();
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
                deleteTree(staging);
                return home;
            }
            Files.delete(staging);
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
