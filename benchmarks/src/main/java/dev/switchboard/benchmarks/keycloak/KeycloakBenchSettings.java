package dev.switchboard.benchmarks.keycloak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sizes of the Keycloak extension benchmark, printed with every run.
 *
 * @param providerJar          the built extension jar put into Keycloak's {@code providers/}
 * @param clients              concurrent admin clients in (a) and (c)
 * @param warmupUsers          users created per realm before anything is measured
 * @param rounds               alternating off/on rounds in (a) and (b); (a) runs one more first, not counted
 * @param usersPerRound        users per realm per round in (a)
 * @param latencyUsersPerRound users per realm per round in (b), created one at a time
 * @param burstUsers           users in the burst of (c)
 * @param loginUsers           IdP users in (b), each logged in once per realm per round
 * @param keycloakJvmExtra     extra JVM options for Keycloak ({@code JAVA_OPTS_APPEND}), e.g. a flight recording
 * @param emptyPolls           empty polls measured (after as many for warm-up) for the fixed cost of a poll
 * @param withGateway          whether (b) and (c) run after (a); false for a quick look at (a) alone
 * @param signatureAlgorithm   the extension's {@code signature-algorithm}: what the SETs are signed with
 * @param keycloakJavaHome     the JDK Keycloak runs on ({@code JAVA_HOME}); empty: the one the harness inherited
 */
public record KeycloakBenchSettings(Path providerJar, int clients, int warmupUsers, int rounds, int usersPerRound,
                                    int latencyUsersPerRound, int burstUsers, int loginUsers,
                                    String keycloakJvmExtra, int emptyPolls,
                                    boolean withGateway, String signatureAlgorithm, String keycloakJavaHome) {

    public KeycloakBenchSettings {
        if (!Files.isRegularFile(providerJar)) {
            throw new IllegalArgumentException("provider jar not found: " + providerJar
                    + " (build keycloak-extension/provider first, or set -Dswitchboard.provider.jar)");
        }
        if (clients < 1 || warmupUsers < 1 || rounds < 1 || usersPerRound < 1 || latencyUsersPerRound < 1 || burstUsers < 1
                || loginUsers < 1 || emptyPolls < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + this);
        }
        if (!List.of("RS256", "ES256").contains(signatureAlgorithm)) {
            throw new IllegalArgumentException("--kc-signature-algorithm must be RS256 or ES256, not " + signatureAlgorithm);
        }
        if (!keycloakJavaHome.isEmpty() && !Files.isExecutable(Path.of(keycloakJavaHome, "bin", "java"))) {
            throw new IllegalArgumentException("--kc-java-home has no bin/java: " + keycloakJavaHome);
        }
    }

    /** Defaults, each overridable as {@code --kc-clients=}, {@code --kc-warmup=}, {@code --kc-rounds=}, … */
    public static KeycloakBenchSettings from(Map<String, String> options) {
        return new KeycloakBenchSettings(
                Path.of(System.getProperty("switchboard.provider.jar",
                        "keycloak-extension/provider/target/switchboard-keycloak-extension-0.1.0-SNAPSHOT.jar")),
                intOption(options, "kc-clients", 4),
                intOption(options, "kc-warmup", 3000),
                intOption(options, "kc-rounds", 4),
                intOption(options, "kc-users-per-round", 3000),
                intOption(options, "kc-latency-users-per-round", 50),
                intOption(options, "kc-burst", 2000),
                intOption(options, "kc-login-users", 10),
                options.getOrDefault("kc-jvm-extra", ""),
                intOption(options, "kc-empty-polls", 300),
                !"a".equals(options.getOrDefault("kc-parts", "all")),
                options.getOrDefault("kc-signature-algorithm", "RS256"),
                options.getOrDefault("kc-java-home", ""));
    }

    Map<String, String> describe() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Keycloak", "26.7.3, start-dev, PostgreSQL, provider " + providerJar.getFileName());
        rows.put("admin clients (a, c) / warm-up users per realm", clients + " / " + warmupUsers);
        rows.put("rounds (a, b; a runs one more first, not counted) / users per realm per round (a) / (b)",
                rounds + " / " + usersPerRound + " / " + latencyUsersPerRound);
        rows.put("burst users (c) / IdP users logging in per round (b)", burstUsers + " / " + loginUsers);
        if (!withGateway) {
            rows.put("parts", "(a) only (--kc-parts=a)");
        }
        rows.put("SET signature algorithm (the extension's signature-algorithm)", signatureAlgorithm);
        rows.put("Keycloak's JDK", keycloakJavaHome.isEmpty()
                ? "inherited (JAVA_HOME=" + System.getenv().getOrDefault("JAVA_HOME", "unset") + ")" : keycloakJavaHome);
        rows.put("PostgreSQL upkeep in (a)", "VACUUM (ANALYZE) after the warm-up and before each round,"
                + " CHECKPOINT before each realm's round (outside the timed rounds)");
        if (!keycloakJvmExtra.isBlank()) {
            rows.put("Keycloak extra JVM options", keycloakJvmExtra);
        }
        return rows;
    }

    private static int intOption(Map<String, String> options, String key, int fallback) {
        return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
    }
}
