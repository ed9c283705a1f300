package dev.switchboard.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.browser.BrokeredLogin;
import dev.switchboard.testkit.keycloak.ScimAppRealm;
import dev.switchboard.testkit.process.LoopbackPorts;
import dev.switchboard.testkit.topology.BrokeredIdentityProviders;
import dev.switchboard.testkit.topology.ScimDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's run command as a new user runs it: the real {@code quickstart.sh} (its build step
 * skipped, the reactor has built everything), on free ports; a brokered login as a demo user, as a
 * browser does it; the user looked up in the apps through their own SCIM APIs, with the credentials
 * the ready message prints; then SIGTERM, after which nothing it started runs.
 *
 * <p>SIGTERM rather than Ctrl-C's SIGINT: a process started from a background job inherits SIGINT
 * as ignored, and the JVM then never sees it; both signals run the same shutdown hook.
 */
class QuickstartIT {

    /** A first start unpacks and builds Keycloak: minutes on a loaded machine. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(15);
    private static final Duration DOWNSTREAM_WITHIN = Duration.ofSeconds(90);
    private static final Duration STOPPED_WITHIN = Duration.ofMinutes(2);
    private static final Pattern KEYCLOAK_APP = Pattern.compile(
            "client_id=(\\S+) -d client_secret=(\\S+) (http://\\S+/realms/(app-[ab])/protocol/openid-connect/token)");

    private final Path root = Path.of(System.getProperty("quickstart.root", "..")).toAbsolutePath().normalize();
    private final Path itDir = Path.of(System.getProperty("quickstart.it.dir", "target/quickstart-it")).toAbsolutePath();

    @Test
    void readmeRunCommand_brokeredSamlLoginReachesTheAppsInScope_andSigtermStopsEverything() throws Exception {
        Map<DemoPort, Integer> ports = freePorts();
        Process launcher = launch(ports, "run", "--skip-build");
        LauncherOutput output = LauncherOutput.follow(launcher.getInputStream(), itDir.resolve("launcher-run.log"));
        List<ProcessHandle> started = new ArrayList<>();
        try {
            output.awaitLine(line -> line.startsWith(Banner.READY), "'" + Banner.READY + "'", READY_WITHIN);
            output.awaitLine(line -> line.startsWith("Stop with Ctrl-C"), "ending the ready message", Duration.ofSeconds(30));
            started.addAll(launcher.toHandle().descendants().toList());
            assertThat(started).as("Keycloak, SCIMMY and the gateway run as children of the launcher").hasSizeGreaterThanOrEqualTo(3);

            String banner = output.text();
            URI keycloak = URI.create("http://127.0.0.1:" + ports.get(DemoPort.KEYCLOAK));
            URI scimmyBase = URI.create("http://127.0.0.1:%d/scim/v2".formatted(ports.get(DemoPort.SCIMMY)));
            assertThat(banner).contains(keycloak + "/realms/hub/account", "alice / " + DemoUsers.password("alice"),
                    "Bearer " + DemoStack.SCIMMY_TOKEN, scimmyBase.toString());
            Map<String, ScimDirectory> apps = keycloakAppsFrom(banner, keycloak);
            ScimDirectory appA = apps.get("app-a");
            ScimDirectory appB = apps.get("app-b");
            ScimDirectory scimmy = new ScimDirectory("scimmy", scimmyBase, () -> DemoStack.SCIMMY_TOKEN);

            BrokeredLogin hubLogin = new BrokeredLogin(URI.create(keycloak + "/realms/hub"),
                    BrokeredIdentityProviders.PORTAL_CLIENT, BrokeredIdentityProviders.PORTAL_REDIRECT);
            hubLogin.perform(BrokeredIdentityProviders.SAML, "alice", DemoUsers.password("alice"));
            hubLogin.perform(BrokeredIdentityProviders.OIDC, "bob", DemoUsers.password("bob"));

            await().atMost(DOWNSTREAM_WITHIN).untilAsserted(() -> {
                JsonNode aliceInA = appA.present("alice");
                assertThat(aliceInA.path("name").path("givenName").asText()).isEqualTo("Alice");
                assertThat(aliceInA.path("active").asBoolean()).isTrue();
                assertThat(scimmy.present("alice").path("emails").path(0).path("value").asText()).isEqualTo("alice@idp-saml.example");
                appB.present("bob");
                appA.present("bob");
            });
            // bob reached app-b after alice's first login, so her absence there is a scope decision
            assertThat(appB.user("alice")).as("alice came through SAML and is not staff").isEmpty();
            assertThat(scimmy.user("bob")).as("bob's department is Partners").isEmpty();
        } finally {
            // SIGTERM through the handle: Process.destroy() would also close our end of its output
            launcher.toHandle().destroy();
        }
        assertThat(launcher.waitFor(STOPPED_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("launcher exits after SIGTERM").isTrue();
        output.awaitLine(line -> line.equals("[quickstart] stopped"), "'[quickstart] stopped'", Duration.ofSeconds(10));
        for (ProcessHandle child : started) {
            assertThat(child.isAlive()).as("pid %d (%s) after the stop", child.pid(), child.info().command().orElse("?")).isFalse();
        }
        for (Map.Entry<DemoPort, Integer> port : ports.entrySet()) {
            assertThat(PortCheck.isFree(port.getValue())).as("%s port %d after the stop", port.getKey(), port.getValue()).isTrue();
        }
    }

    @Test
    void portAlreadyInUse_scriptNamesPortAndFlagAndStartsNothing() throws Exception {
        String output = runWithKeycloakPortTaken("port-in-use", "--skip-build");

        assertThat(Files.exists(itDir.resolve("port-in-use/keycloak"))).as("no Keycloak prepared").isFalse();
        assertThat(output).doesNotContain("starting");
    }

    @Test
    void portAlreadyInUseWithALauncherBuilt_reportedBeforeTheBuild() throws Exception {
        String output = runWithKeycloakPortTaken("port-in-use-before-build");

        assertThat(output).as("no Maven build started").doesNotContain("[quickstart] building");
    }

    /** Runs the script with the Keycloak port held by this test; returns its output after checking the message. */
    private String runWithKeycloakPortTaken(String name, String... extraArgs) throws Exception {
        Map<DemoPort, Integer> ports = freePorts();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get(DemoPort.KEYCLOAK)));
            Process launcher = launch(ports, name, extraArgs);
            LauncherOutput output = LauncherOutput.follow(launcher.getInputStream(), itDir.resolve("launcher-" + name + ".log"));
            boolean exited = launcher.waitFor(2, TimeUnit.MINUTES);
            if (!exited) {
                // it went on to build or start: end it and what it started before failing
                launcher.toHandle().descendants().forEach(ProcessHandle::destroy);
                launcher.toHandle().destroy();
            }
            assertThat(exited).as("the launcher ends by itself").isTrue();
            output.awaitLine(line -> line.contains("already in use"), "about the port in use", Duration.ofSeconds(10));
            assertThat(launcher.exitValue()).isEqualTo(2);
            assertThat(output.text()).contains("port %d (Keycloak) is already in use".formatted(ports.get(DemoPort.KEYCLOAK)),
                    "--keycloak-port=<port>");
            return output.text();
        }
    }

    private Process launch(Map<DemoPort, Integer> ports, String name, String... extraArgs) throws IOException {
        Files.createDirectories(itDir);
        List<String> command = new ArrayList<>(List.of(root.resolve("quickstart.sh").toString(), "--data-dir=" + itDir.resolve(name)));
        command.addAll(List.of(extraArgs));
        ports.forEach((port, number) -> command.add(port.flag() + "=" + number));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    /** app-a and app-b, read with the client credentials the ready message prints for them. */
    private static Map<String, ScimDirectory> keycloakAppsFrom(String banner, URI keycloak) {
        Map<String, ScimDirectory> apps = new java.util.HashMap<>();
        Matcher m = KEYCLOAK_APP.matcher(banner);
        while (m.find()) {
            String realm = m.group(4);
            ScimAppRealm app = new ScimAppRealm(realm, URI.create("%s/realms/%s/scim/v2".formatted(keycloak, realm)),
                    URI.create(m.group(3)), m.group(1), m.group(2));
            apps.put(realm, new ScimDirectory(realm, app.scimBaseUrl(), app::accessToken));
        }
        assertThat(apps).as("credentials of app-a and app-b in:%n%s", banner).containsOnlyKeys("app-a", "app-b");
        return apps;
    }

    private static Map<DemoPort, Integer> freePorts() {
        Map<DemoPort, Integer> ports = new EnumMap<>(DemoPort.class);
        for (DemoPort port : DemoPort.values()) {
            ports.put(port, LoopbackPorts.free());
        }
        return ports;
    }
}
