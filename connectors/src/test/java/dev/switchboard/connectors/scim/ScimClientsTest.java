package dev.switchboard.connectors.scim;

import dev.switchboard.connectors.auth.ScimAuth;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScimClientsTest {

    private static ScimClientConfig config(ScimAuth auth, String profile) {
        return new ScimClientConfig(URI.create("http://127.0.0.1:9/scim/v2"), auth, profile,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void knownProfile_buildsHttpClientFollowingThatProfile() {
        ScimClient client = ScimClients.create(config(new ScimAuth.Bearer("t"), "keycloak"));

        assertThat(client).isInstanceOfSatisfying(HttpScimClient.class,
                c -> assertThat(c.profile().name()).isEqualTo("keycloak"));
    }

    @Test
    void unknownProfile_failsAtCreation() {
        assertThatThrownBy(() -> ScimClients.create(config(new ScimAuth.None(), "acme")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acme");
    }

    @Test
    void unreadablePrivateKey_failsAtCreationWithoutEchoingIt() {
        String pem = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----";

        assertThatThrownBy(() -> ScimClients.create(config(new ScimAuth.PrivateKeyJwt(
                URI.create("http://127.0.0.1:9/token"), "c", pem, Optional.empty(), Optional.empty()), "generic")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("bm90IGEga2V5");
    }
}
