package dev.switchboard.gateway.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    @Test
    void tokenOfTheSameSession_matchesOnEveryReplicaSharingTheKey() {
        String token = new CsrfTokens(KEY).tokenFor("sub-1|sid-1");

        assertThat(new CsrfTokens(KEY).matches("sub-1|sid-1", token)).isTrue();
    }

    @Test
    void tokenOfAnotherSession_orAnotherKey_doesNotMatch() {
        String token = new CsrfTokens(KEY).tokenFor("sub-1|sid-1");

        assertThat(new CsrfTokens(KEY).matches("sub-1|sid-2", token)).isFalse();
        assertThat(new CsrfTokens(OTHER_KEY).matches("sub-1|sid-1", token)).isFalse();
    }

    @Test
    void missingToken_doesNotMatch() {
        assertThat(new CsrfTokens(KEY).matches("sub-1|sid-1", null)).isFalse();
        assertThat(new CsrfTokens(KEY).matches("sub-1|sid-1", "")).isFalse();
    }
}
