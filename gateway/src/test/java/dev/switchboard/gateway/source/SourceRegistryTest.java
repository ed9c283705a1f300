package dev.switchboard.gateway.source;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceRegistryTest {

    @Test
    void minimalPolledSource_getsKeycloakJwksUrlAndGlobalAudience() {
        Source source = SourceRegistry.resolve("hub", config("https://kc/realms/hub", Optional.of("https://kc/token")), "switchboard");

        assertThat(source.jwksUrl()).isEqualTo(URI.create("https://kc/realms/hub/protocol/openid-connect/certs"));
        assertThat(source.audience()).isEqualTo("switchboard");
        assertThat(source.polled()).isTrue();
        assertThat(source.poll().orElseThrow().maxEvents()).isEqualTo(100);
    }

    @Test
    void issuerWithTrailingSlash_isMatchedExactlyButJwksUrlHasNoDoubleSlash() {
        Source source = SourceRegistry.resolve("hub", config("https://kc/realms/hub/", Optional.of("https://kc/token")), "switchboard");

        assertThat(source.issuer()).isEqualTo("https://kc/realms/hub/");
        assertThat(source.jwksUrl()).isEqualTo(URI.create("https://kc/realms/hub/protocol/openid-connect/certs"));
    }

    @Test
    void pollUrlWithoutTokenUrl_failsStartupNamingTheProperty() {
        assertThatThrownBy(() -> SourceRegistry.resolve("hub", config("https://kc/realms/hub", Optional.empty()), "switchboard"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("switchboard.sources.hub.token-url is required when poll-url is set");
    }

    @Test
    void twoSourcesWithOneIssuer_failStartup() {
        Source a = SourceRegistry.resolve("a", config("https://kc/realms/hub", Optional.of("https://kc/token")), "switchboard");
        Source b = SourceRegistry.resolve("b", config("https://kc/realms/hub", Optional.of("https://kc/token")), "switchboard");

        assertThatThrownBy(() -> new SourceRegistry(List.of(a, b)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("have the same issuer");
    }

    @Test
    void pollSettingsToString_doesNotRevealTheSecret() {
        Source source = SourceRegistry.resolve("hub", config("https://kc/realms/hub", Optional.of("https://kc/token")), "switchboard");

        assertThat(source.toString()).doesNotContain("s3cret");
    }

    private static SourcesConfig.SourceConfig config(String issuer, Optional<String> tokenUrl) {
        return new SourcesConfig.SourceConfig() {
            public String issuer() { return issuer; }
            public Optional<URI> pollUrl() { return Optional.of(URI.create(issuer + "/switchboard/poll")); }
            public Optional<URI> tokenUrl() { return tokenUrl.map(URI::create); }
            public Optional<String> clientId() { return Optional.of("gateway"); }
            public Optional<String> clientSecret() { return Optional.of("s3cret"); }
            public Optional<String> audience() { return Optional.empty(); }
            public Optional<URI> jwksUrl() { return Optional.empty(); }
            public int maxEvents() { return 100; }
            public Duration longPollWait() { return Duration.ofSeconds(40); }
            public boolean enabled() { return true; }
            public boolean pushEnabled() { return true; }
        };
    }
}
