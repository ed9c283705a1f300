package dev.switchboard.quickstart;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuickstartOptionsTest {

    private static final Path ROOT = Path.of("/checkout");

    @Test
    void nothingGiven_defaultPortsAndDataDirUnderTheCheckout() {
        QuickstartOptions options = QuickstartOptions.parse(new String[0], Map.of(), ROOT);

        assertThat(options.port(DemoPort.KEYCLOAK)).isEqualTo(8080);
        assertThat(options.port(DemoPort.KEYCLOAK_MANAGEMENT)).isEqualTo(9000);
        assertThat(options.port(DemoPort.GATEWAY)).isEqualTo(8088);
        assertThat(options.port(DemoPort.SCIMMY)).isEqualTo(8090);
        assertThat(options.dataDir()).isEqualTo(Path.of("/checkout/quickstart-data"));
    }

    @Test
    void flagAndVariableBothGiven_flagWins() {
        QuickstartOptions options = QuickstartOptions.parse(new String[] {"--keycloak-port=18080", "--gateway-port", "18088"},
                Map.of("QUICKSTART_KEYCLOAK_PORT", "28080", "QUICKSTART_SCIMMY_PORT", "28090", "QUICKSTART_DATA_DIR", "/var/demo"), ROOT);

        assertThat(options.port(DemoPort.KEYCLOAK)).isEqualTo(18080);
        assertThat(options.port(DemoPort.GATEWAY)).isEqualTo(18088);
        assertThat(options.port(DemoPort.SCIMMY)).as("variable, no flag").isEqualTo(28090);
        assertThat(options.dataDir()).isEqualTo(Path.of("/var/demo"));
    }

    @Test
    void portThatIsNotANumber_namesTheVariable() {
        assertThatThrownBy(() -> QuickstartOptions.parse(new String[0], Map.of("QUICKSTART_GATEWAY_PORT", "http"), ROOT))
                .isInstanceOf(UsageException.class)
                .hasMessage("QUICKSTART_GATEWAY_PORT: 'http' is not a TCP port (1 to 65535)");
    }

    @Test
    void portOutOfRange_namesTheFlag() {
        assertThatThrownBy(() -> QuickstartOptions.parse(new String[] {"--scimmy-port=70000"}, Map.of(), ROOT))
                .isInstanceOf(UsageException.class)
                .hasMessage("--scimmy-port: '70000' is not a TCP port (1 to 65535)");
    }

    @Test
    void unknownFlag_refused() {
        assertThatThrownBy(() -> QuickstartOptions.parse(new String[] {"--keycloak-prot=1"}, Map.of(), ROOT))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown option --keycloak-prot");
    }

    @Test
    void flagWithoutValue_refused() {
        assertThatThrownBy(() -> QuickstartOptions.parse(new String[] {"--gateway-port"}, Map.of(), ROOT))
                .isInstanceOf(UsageException.class)
                .hasMessage("option --gateway-port needs a value, e.g. --gateway-port=<value>");
    }
}
