package dev.switchboard.console;

import dev.switchboard.gateway.testing.GatewayProcess;
import dev.switchboard.gateway.testing.TestTransmitter;
import dev.switchboard.testkit.keycloak.KeycloakServer;
import dev.switchboard.testkit.postgres.TestDatabase;
import dev.switchboard.testkit.proxy.FaultProxy;
import dev.switchboard.testkit.scimmy.ScimmyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a console user meets, each part real and on loopback: Keycloak with the operators'
 * realm, the packaged gateway on PostgreSQL signing its console users in through that realm, two
 * SCIMMY directories as downstream apps (the wiki behind a fault proxy, so a test can make it fail),
 * and a stand-in transmitter feeding user changes.
 */
final class ConsoleStack implements AutoCloseable {

    static final String SOURCE = "hub";
    static final String WIKI = "wiki";
    static final String DIRECTORY = "directory";

    private final Map<String, AutoCloseable> parts = new LinkedHashMap<>();
    private TestDatabase database;
    private TestTransmitter transmitter;
    private ScimmyServer wikiApp;
    private FaultProxy wikiProxy;
    private KeycloakServer keycloak;
    private ConsoleRealm realm;
    private GatewayProcess gateway;

    static ConsoleStack start(Path workDir) {
        ConsoleStack stack = new ConsoleStack();
        try {
            stack.startParts(workDir);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startParts(Path workDir) {
        keycloak = keep("keycloak", KeycloakServer.builder().start());
        realm = ConsoleRealm.create(keycloak.admin());
        database = keep("database", TestDatabase.create("sb_console"));
        transmitter = keep("transmitter", TestTransmitter.start(SOURCE, Duration.ofSeconds(1)));
        wikiApp = keep("wiki", ScimmyServer.start());
        wikiProxy = keep("wiki-proxy", FaultProxy.start(wikiApp.baseUrl()));
        ScimmyServer directoryApp = keep("directory", ScimmyServer.start());

        Path targets = workDir.resolve("targets.yaml");
        write(targets, "targets:\n"
                + target(WIKI, "Team wiki", wikiProxy.baseUrl(), wikiApp.token(), "delete")
                + target(DIRECTORY, "Staff directory", directoryApp.baseUrl(), directoryApp.token(), "deactivate"));

        Map<String, String> config = new LinkedHashMap<>(transmitter.sourceConfig(SOURCE, true));
        config.put("switchboard.targets.file", targets.toString());
        // Three quick tries, then a dead letter: a failing app produces one within seconds.
        config.put("switchboard.delivery.retry.initial-backoff", "200ms");
        config.put("switchboard.delivery.retry.max-backoff", "1s");
        config.put("switchboard.delivery.retry.max-attempts", "3");
        // The breaker stays closed, so a failing app shows as degraded rather than circuit-open.
        config.put("switchboard.delivery.breaker.failure-threshold", "1000");
        config.put("switchboard.admin.auth", "oidc");
        config.put("quarkus.oidc.tenant-enabled", "true");
        config.put("quarkus.oidc.auth-server-url", realm.issuer().toString());
        config.put("quarkus.oidc.client-id", ConsoleRealm.CLIENT_ID);
        config.put("quarkus.oidc.credentials.secret", realm.clientSecret());
        gateway = keep("gateway", GatewayProcess.start(workDir, database, config));
        ConsoleRealm.allowRedirectsTo(keycloak.admin(), gateway.baseUrl());
    }

    URI console() {
        return gateway.baseUrl().resolve("/console/");
    }

    URI gatewayUrl() {
        return gateway.baseUrl();
    }

    TestTransmitter transmitter() {
        return transmitter;
    }

    FaultProxy wikiProxy() {
        return wikiProxy;
    }

    ScimmyServer wikiApp() {
        return wikiApp;
    }

    URI keycloakUrl() {
        return keycloak.baseUrl();
    }

    /** A user change as the Keycloak extension would send it: username, email, one brokered identity. */
    void userChanged(String id, String username, String givenName, String familyName) {
        transmitter.enqueue(transmitter.user(id)
                .username(username)
                .dataField("name", Map.of("givenName", givenName, "familyName", familyName))
                .dataField("displayName", givenName + " " + familyName)
                .dataField("emails", java.util.List.of(Map.of("value", username + "@example.org", "primary", true)))
                .created()
                .sign());
    }

    private static String target(String id, String name, URI baseUrl, String token, String deprovision) {
        return """
                  - id: %s
                    displayName: %s
                    baseUrl: %s
                    profile: scimmy
                    auth: { type: bearer, token: "%s" }
                    scope: { realms: [%s] }
                    deprovision: %s
                """.formatted(id, name, baseUrl, token, SOURCE, deprovision);
    }

    /** Hands a part started by a test (a browser) to the stack, which stops it first. */
    <T extends AutoCloseable> T own(String name, T part) {
        return keep(name, part);
    }

    private <T extends AutoCloseable> T keep(String name, T part) {
        parts.put(name, part);
        return part;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the parts in reverse order of start; a part that fails to stop does not keep the others running. */
    @Override
    public void close() {
        var names = new java.util.ArrayList<>(parts.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            try {
                parts.get(name).close();
            } catch (Exception e) {
                System.err.println("stopping " + name + " failed: " + e);
            }
        }
        parts.clear();
    }
}
