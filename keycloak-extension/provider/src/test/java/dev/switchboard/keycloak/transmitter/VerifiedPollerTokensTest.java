package dev.switchboard.keycloak.transmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.switchboard.testkit.time.MutableClock;

class VerifiedPollerTokensTest {

    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static final long TOKEN_EXP = START.plusSeconds(300).getEpochSecond();

    private final MutableClock clock = new MutableClock(START);
    private final VerifiedPollerTokens tokens = new VerifiedPollerTokens(Duration.ofSeconds(10), clock);

    @Test
    void rememberedToken_isTrustedWithinTheWindow_forItsRealmOnly() {
        tokens.remember("realm-1", "user-1", "token-a", TOKEN_EXP);

        clock.advance(Duration.ofMillis(9_999));

        assertThat(tokens.lookup("realm-1", "token-a")).get()
                .extracting(VerifiedPollerTokens.Verified::userId).isEqualTo("user-1");
        assertThat(tokens.lookup("realm-2", "token-a")).isEmpty();
        assertThat(tokens.lookup("realm-1", "token-b")).isEmpty();
    }

    @Test
    void windowPassed_tokenMustBeVerifiedAgain() {
        tokens.remember("realm-1", "user-1", "token-a", TOKEN_EXP);

        clock.advance(Duration.ofSeconds(10));

        assertThat(tokens.lookup("realm-1", "token-a")).isEmpty();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void tokenExpiringWithinTheWindow_isTrustedOnlyUntilItsExp() {
        tokens.remember("realm-1", "user-1", "token-a", START.plusSeconds(3).getEpochSecond());

        clock.advance(Duration.ofSeconds(3));

        assertThat(tokens.lookup("realm-1", "token-a")).isEmpty();
    }

    @Test
    void alreadyExpiredToken_isNotRemembered() {
        tokens.remember("realm-1", "user-1", "token-a", START.minusSeconds(1).getEpochSecond());

        assertThat(tokens.size()).isZero();
    }

    @Test
    void forgottenToken_isNoLongerTrusted() {
        tokens.remember("realm-1", "user-1", "token-a", TOKEN_EXP);

        tokens.forget("token-a");

        assertThat(tokens.lookup("realm-1", "token-a")).isEmpty();
    }

    @Test
    void zeroWindow_remembersNothing() {
        VerifiedPollerTokens off = new VerifiedPollerTokens(Duration.ZERO, clock);

        off.remember("realm-1", "user-1", "token-a", TOKEN_EXP);

        assertThat(off.enabled()).isFalse();
        assertThat(off.lookup("realm-1", "token-a")).isEmpty();
    }

    @Test
    void full_dropsExpiredEntriesFirst_thenEverything_andStaysBounded() {
        tokens.remember("realm-1", "user-old", "token-old", START.plusSeconds(1).getEpochSecond());
        for (int i = 1; i < VerifiedPollerTokens.MAX_ENTRIES; i++) {
            tokens.remember("realm-1", "user-" + i, "token-" + i, TOKEN_EXP);
        }
        clock.advance(Duration.ofSeconds(2));

        tokens.remember("realm-1", "user-new", "token-new", TOKEN_EXP);
        assertThat(tokens.size()).isEqualTo(VerifiedPollerTokens.MAX_ENTRIES);
        assertThat(tokens.lookup("realm-1", "token-new")).isPresent();

        tokens.remember("realm-1", "user-extra", "token-extra", TOKEN_EXP);
        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.lookup("realm-1", "token-extra")).isPresent();
    }

    @Test
    void negativeWindow_isRejected() {
        assertThatThrownBy(() -> new VerifiedPollerTokens(Duration.ofSeconds(-1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
