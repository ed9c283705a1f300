package dev.switchboard.keycloak.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.Config;

class SwitchboardConfigTest {

    /** A scope backed by a map, as Keycloak hands the events-listener/switchboard options over. */
    private record MapScope(Map<String, String> values) implements Config.Scope {
        public String get(String key) {
            return values.get(key);
        }

        public String get(String key, String defaultValue) {
            return values.getOrDefault(key, defaultValue);
        }

        public String[] getArray(String key) {
            return values.containsKey(key) ? values.get(key).split(",") : null;
        }

        public Integer getInt(String key, Integer defaultValue) {
            return values.containsKey(key) ? Integer.valueOf(values.get(key)) : defaultValue;
        }

        public Long getLong(String key, Long defaultValue) {
            return values.containsKey(key) ? Long.valueOf(values.get(key)) : defaultValue;
        }

        public Boolean getBoolean(String key, Boolean defaultValue) {
            return values.containsKey(key) ? Boolean.valueOf(values.get(key)) : defaultValue;
        }

        public Config.Scope scope(String... path) {
            return new MapScope(Map.of());
        }

        public Set<String> getPropertyNames() {
            return values.keySet();
        }

        public Config.Scope root() {
            return this;
        }
    }

    @Test
    void noOptionsSet_givesDefaults() {
        assertThat(SwitchboardConfig.from(new MapScope(Map.of()))).isEqualTo(SwitchboardConfig.DEFAULTS);
        assertThat(SwitchboardConfig.DEFAULTS.audience()).isEqualTo("switchboard");
        assertThat(SwitchboardConfig.DEFAULTS.longPollMaxWait()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void optionsSet_overrideDefaults() {
        SwitchboardConfig config = SwitchboardConfig.from(new MapScope(Map.of(
                "audience", "gw", "max-events", "50", "long-poll-max-wait-seconds", "5",
                "recheck-interval-millis", "250", "batch-window-millis", "0", "resync-batch-size", "10",
                "dead-retention-hours", "1", "poller-token-trust-seconds", "0", "signature-algorithm", "ES256")));
        assertThat(config).isEqualTo(new SwitchboardConfig("gw", 50, Duration.ofSeconds(5),
                Duration.ofMillis(250), Duration.ZERO, 10, Duration.ofHours(1), Duration.ZERO, Optional.of("ES256")));
    }

    @Test
    void signatureAlgorithmNotSetOrBlank_leavesTheRealmsDefault() {
        assertThat(SwitchboardConfig.DEFAULTS.signatureAlgorithm()).isEmpty();
        assertThat(SwitchboardConfig.from(new MapScope(Map.of("signature-algorithm", " "))).signatureAlgorithm()).isEmpty();
    }

    @Test
    void hmacSignatureAlgorithm_isRejectedAtStartupBecauseTheGatewayVerifiesWithPublicKeys() {
        assertThatThrownBy(() -> SwitchboardConfig.from(new MapScope(Map.of("signature-algorithm", "HS256"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signature-algorithm").hasMessageContaining("HS256").hasMessageContaining("ES256");
    }

    @Test
    void misspelledSignatureAlgorithm_isRejectedAtStartup() {
        assertThatThrownBy(() -> SwitchboardConfig.from(new MapScope(Map.of("signature-algorithm", "es256"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was es256");
    }

    @Test
    void negativeBatchWindow_isRejectedAtStartup() {
        assertThatThrownBy(() -> SwitchboardConfig.from(new MapScope(Map.of("batch-window-millis", "-1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch-window-millis");
    }

    @Test
    void zeroMaxEvents_isRejectedAtStartup() {
        assertThatThrownBy(() -> SwitchboardConfig.from(new MapScope(Map.of("max-events", "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-events");
    }

    @Test
    void blankAudience_isRejectedAtStartup() {
        assertThatThrownBy(() -> SwitchboardConfig.from(new MapScope(Map.of("audience", " "))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
    }
}
