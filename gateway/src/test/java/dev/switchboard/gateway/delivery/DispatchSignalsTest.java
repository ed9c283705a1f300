package dev.switchboard.gateway.delivery;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchSignalsTest {

    private final DispatchSignals signals = new DispatchSignals();

    @Test
    void finishedTasksOfSomeTargets_makeOneRoundOverThoseTargetsOnly() throws InterruptedException {
        signals.wake("a");
        signals.wake("a");
        signals.wake("b");
        signals.wake("a");

        DispatchSignals.Round round = signals.await(0);

        assertThat(round.everyTarget()).isFalse();
        assertThat(round.targetIds()).containsExactlyInAnyOrder("a", "b");
        assertThat(round.includes("c")).isFalse();
    }

    @Test
    void newWork_makesARoundOverEveryTarget_evenWithTargetWakeUpsPending() throws InterruptedException {
        signals.wake("a");
        signals.wakeAll();
        signals.wake("b");

        DispatchSignals.Round round = signals.await(0);

        assertThat(round.everyTarget()).isTrue();
        assertThat(round.includes("c")).isTrue();
    }

    @Test
    void aRound_takesEverySignalPending_soTheNextWaitTimesOut() throws InterruptedException {
        signals.wake("a");
        signals.await(0);

        DispatchSignals.Round next = signals.await(0);

        assertThat(next).isEqualTo(DispatchSignals.Round.EVERY_TARGET);
    }

    @Test
    void noSignalWithinTheTimeout_makesARoundOverEveryTarget() throws InterruptedException {
        assertThat(signals.await(0)).isEqualTo(DispatchSignals.Round.EVERY_TARGET);
    }

    @Test
    void signalFromAnotherThread_endsTheWaitWithThatTarget() throws Exception {
        Thread finisher = new Thread(() -> signals.wake("x"));
        finisher.start();

        DispatchSignals.Round round = signals.await(java.util.concurrent.TimeUnit.MINUTES.toNanos(5));
        finisher.join();

        assertThat(round).isIn(new DispatchSignals.Round(false, Set.of("x")));
    }
}
