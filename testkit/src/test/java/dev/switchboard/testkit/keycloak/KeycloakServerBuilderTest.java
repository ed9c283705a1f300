package dev.switchboard.testkit.keycloak;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeycloakServerBuilderTest {

    @Test
    void zeroOrNegativeStartTimeout_isRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> KeycloakServer.builder().startTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> KeycloakServer.builder().startTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
