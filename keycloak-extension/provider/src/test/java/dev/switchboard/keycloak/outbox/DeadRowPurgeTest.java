package dev.switchboard.keycloak.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.switchboard.testkit.time.MutableClock;

class DeadRowPurgeTest {

    @Test
    void firstCall_isDue_thenNotAgainWithinTheInterval() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
        DeadRowPurge purge = new DeadRowPurge(clock);

        assertThat(purge.due()).isTrue();
        assertThat(purge.due()).isFalse();
        clock.advance(DeadRowPurge.INTERVAL.minusMillis(1));
        assertThat(purge.due()).isFalse();
    }

    @Test
    void afterTheInterval_isDueOnceMore() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
        DeadRowPurge purge = new DeadRowPurge(clock);
        purge.due();

        clock.advance(DeadRowPurge.INTERVAL);

        assertThat(purge.due()).isTrue();
        assertThat(purge.due()).isFalse();
    }
}
