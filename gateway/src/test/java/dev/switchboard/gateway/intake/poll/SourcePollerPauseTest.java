package dev.switchboard.gateway.intake.poll;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SourcePollerPauseTest {

    private static final Duration IDLE = Duration.ofMillis(500);

    @Test
    void emptyAnswerAfterALongPollHeldToItsEnd_isFollowedByTheNextPollAtOnce() {
        assertThat(SourcePoller.pauseAfterEmptyAnswer(IDLE, Duration.ofSeconds(30))).isZero();
    }

    @Test
    void emptyAnswerHeldExactlyTheIdleDelay_isFollowedByTheNextPollAtOnce() {
        assertThat(SourcePoller.pauseAfterEmptyAnswer(IDLE, IDLE)).isZero();
    }

    @Test
    void immediateEmptyAnswer_waitsTheWholeIdleDelay() {
        assertThat(SourcePoller.pauseAfterEmptyAnswer(IDLE, Duration.ZERO)).isEqualTo(IDLE);
    }

    @Test
    void quickEmptyAnswer_waitsTheRestOfTheIdleDelay() {
        assertThat(SourcePoller.pauseAfterEmptyAnswer(IDLE, Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(300));
    }
}
