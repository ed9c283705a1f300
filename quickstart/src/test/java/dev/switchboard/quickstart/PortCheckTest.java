package dev.switchboard.quickstart;

import dev.switchboard.testkit.process.LoopbackPorts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortCheckTest {

    @Test
    void portTakenByAnotherProgram_messageNamesPortRoleFlagAndVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            QuickstartOptions options = optionsWith(DemoPort.GATEWAY, taken.getLocalPort());

            assertThat(PortCheck.problems(options)).containsExactly(
                    "port %d (Switchboard gateway) is already in use on 127.0.0.1; stop what uses it, or choose another with --gateway-port=<port> (or QUICKSTART_GATEWAY_PORT=<port>)"
                            .formatted(taken.getLocalPort()));
            assertThatThrownBy(() -> PortCheck.requireFree(options))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("--gateway-port");
        }
    }

    @Test
    void allPortsFree_noProblem() {
        assertThat(PortCheck.problems(optionsWith(DemoPort.GATEWAY, LoopbackPorts.free()))).isEmpty();
    }

    @Test
    void samePortGivenTwice_messageNamesBothRolesAndTheFlagOfTheSecond() {
        QuickstartOptions free = optionsWith(DemoPort.GATEWAY, LoopbackPorts.free());
        Map<DemoPort, Integer> ports = new EnumMap<>(free.ports());
        ports.put(DemoPort.SCIMMY, ports.get(DemoPort.KEYCLOAK));
        QuickstartOptions clash = new QuickstartOptions(ports, free.dataDir(), free.root());

        assertThat(PortCheck.problems(clash)).singleElement().asString()
                .contains("port " + ports.get(DemoPort.KEYCLOAK))
                .contains("Keycloak and SCIMMY (SCIM app)")
                .contains("--scimmy-port=<port>");
    }

    /** Free ports for every role except {@code port}, which gets {@code number}. */
    private static QuickstartOptions optionsWith(DemoPort port, int number) {
        Map<DemoPort, Integer> ports = new EnumMap<>(DemoPort.class);
        for (DemoPort each : DemoPort.values()) {
            ports.put(each, each == port ? number : LoopbackPorts.free());
        }
        return new QuickstartOptions(ports, Path.of("data"), Path.of("."));
    }
}
