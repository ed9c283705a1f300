package dev.switchboard.gateway.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackGuardTest {

    @Test
    void authNone_onAllInterfaces_isRefusedNamingBothSettings() {
        assertThatThrownBy(() -> LoopbackGuard.verify(AuthMode.NONE, "0.0.0.0", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("switchboard.admin.auth=none").hasMessageContaining("quarkus.http.host=0.0.0.0");
    }

    @Test
    void authNone_onARoutableAddress_isRefused() {
        assertThatThrownBy(() -> LoopbackGuard.verify(AuthMode.NONE, "192.0.2.10", false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void authNone_onLoopback_isAllowed() {
        assertThatCode(() -> LoopbackGuard.verify(AuthMode.NONE, "127.0.0.1", false)).doesNotThrowAnyException();
        assertThatCode(() -> LoopbackGuard.verify(AuthMode.NONE, "::1", false)).doesNotThrowAnyException();
        assertThatCode(() -> LoopbackGuard.verify(AuthMode.NONE, "localhost", false)).doesNotThrowAnyException();
    }

    @Test
    void authOidc_withoutAProvider_isRefusedNamingWhatToSet() {
        assertThatThrownBy(() -> LoopbackGuard.verify(AuthMode.OIDC, "0.0.0.0", false))
                .hasMessageContaining("quarkus.oidc.auth-server-url");
        assertThatCode(() -> LoopbackGuard.verify(AuthMode.OIDC, "0.0.0.0", true)).doesNotThrowAnyException();
    }
}
