package dev.switchboard.gateway.intake.poll;

import dev.switchboard.gateway.intake.Acceptance;
import dev.switchboard.gateway.intake.Channel;
import dev.switchboard.gateway.intake.ErrorCode;
import dev.switchboard.gateway.intake.IntakeMetrics;
import dev.switchboard.gateway.intake.SetError;
import dev.switchboard.gateway.intake.SetStore;
import dev.switchboard.gateway.intake.SetVerifier;
import dev.switchboard.gateway.intake.Verification;
import dev.switchboard.gateway.intake.VerifiedSet;
import dev.switchboard.gateway.source.Source;
import dev.switchboard.gateway.source.SourceUnavailableException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The RFC 8936 poll loop of one source, run on its own thread. Each round acknowledges what the
 * previous round stored (and reports what it refused), then verifies and stores the new batch in
 * one transaction. Acknowledging only after the commit means a crash repeats delivery instead of
 * losing it; {@code jti} and {@code seq} make the repeat harmless.
 */
final class SourcePoller implements Runnable {

    private static final Logger LOG = Logger.getLogger(SourcePoller.class);

    /** Collaborators shared by all pollers. */
    record Dependencies(PollClient client, SetVerifier verifier, BatchVerifier batchVerifier, SetStore store, SourceLease lease,
                        SourceStatusBoard board, IntakeMetrics metrics, Clock clock, RandomGenerator random) {
    }

    /** Loop timing, from {@code switchboard.intake.poll.*}. */
    record Timing(BackoffPolicy backoff, Duration idleDelay, Duration leaseDuration) {
    }

    private final Source source;
    private final Source.PollSettings settings;
    private final Dependencies deps;
    private final Timing timing;
    private final String holder;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final List<String> pendingAcks = new ArrayList<>();
    private final Map<String, PollRequest.SetErr> pendingErrs = new LinkedHashMap<>();

    SourcePoller(Source source, Dependencies deps, Timing timing, String holder) {
        this.source = source;
        this.settings = source.poll().orElseThrow(
                () -> new IllegalArgumentException("source '%s' has no poll settings".formatted(source.name())));
        this.deps = deps;
        this.timing = timing;
        this.holder = holder;
    }

    @Override
    public void run() {
        LOG.infof("event=poller_started source=%s url=%s", source.name(), settings.pollUrl());
        int failures = 0;
        while (!stopped()) {
            Duration pause;
            try {
                if (!deps.lease().tryAcquire(source.name(), holder, timing.leaseDuration())) {
                    deps.board().update(source.name(), SourceStatus::standby);
                    pause = timing.leaseDuration().dividedBy(2);
                } else {
                    pause = pollOnce();
                    failures = 0;
                    deps.board().update(source.name(), s -> s.succeeded(deps.clock().instant()));
                    deps.metrics().succeeded(source.name(), deps.clock().instant());
                }
            } catch (SourceUnavailableException e) {
                if (stopped()) {
                    break;
                }
                failures++;
                pause = failed(failures, e.getMessage());
            } catch (RuntimeException e) {
                // Our side failed (database, a bug): same backoff, logged with its stack trace.
                failures++;
                LOG.errorf(e, "event=poll_round_failed source=%s", source.name());
                pause = failed(failures, "gateway error: " + e.getMessage());
            }
            if (!pause.isZero() && pause(pause)) {
                break;
            }
        }
        release();
        LOG.infof("event=poller_stopped source=%s", source.name());
    }

    /** Asks the loop to end; an in-flight long poll is abandoned when the executor interrupts it. */
    void stop() {
        stopping.countDown();
    }

    /** @return how long to wait before the next poll: zero while there is more, see {@link #pauseAfterEmptyAnswer} */
    private Duration pollOnce() {
        PollRequest request = new PollRequest(List.copyOf(pendingAcks), Map.copyOf(pendingErrs),
                settings.maxEvents(), false);
        Instant asked = deps.clock().instant();
        PollResponse response = deps.client().poll(source, settings, request);
        Duration held = Duration.between(asked, deps.clock().instant());
        if (!request.ack().isEmpty() || !request.setErrs().isEmpty()) {
            LOG.debugf("event=acknowledged source=%s acks=%d set_errs=%d", source.name(), request.ack().size(),
                    request.setErrs().size());
        }
        pendingAcks.clear();
        pendingErrs.clear();
        deps.metrics().received(source.name(), Channel.POLL, response.sets().size());

        List<VerifiedSet> verified = new ArrayList<>();
        Map<String, PollRequest.SetErr> refused = new LinkedHashMap<>();
        List<String> jtis = List.copyOf(response.sets().keySet());
        List<Verification> verifications = deps.batchVerifier().verify(
                jtis.stream().map(response.sets()::get).toList(), token -> deps.verifier().verifyPolled(source, token));
        for (int i = 0; i < jtis.size(); i++) {
            String jti = jtis.get(i);
            Verification verification = verifications.get(i);
            if (verification instanceof Verification.Verified v && !v.set().jti().equals(jti)) {
                verification = new Verification.Refused(source.name(), new SetError(ErrorCode.INVALID_REQUEST,
                        "jti claim '%s' differs from its key in the poll response".formatted(v.set().jti())));
            }
            if (verification instanceof Verification.Verified v) {
                verified.add(v.set());
            } else if (verification instanceof Verification.Refused r) {
                deps.metrics().refused(source.name(), r.error());
                LOG.warnf("event=set_refused source=%s jti=%s err=%s description=\"%s\"", source.name(), jti,
                        r.error().code().wire(), r.error().description());
                refused.put(jti, new PollRequest.SetErr(r.error().code().wire(), r.error().description()));
            }
        }
        Map<String, Acceptance> stored = deps.store().store(verified, Channel.POLL);
        stored.values().forEach(a -> deps.metrics().accepted(source.name(), a));
        pendingAcks.addAll(stored.keySet());
        pendingErrs.putAll(refused);
        if (!response.sets().isEmpty()) {
            LOG.debugf("event=poll_batch source=%s received=%d stored=%d refused=%d more=%s", source.name(),
                    response.sets().size(), stored.size(), refused.size(), response.moreAvailable());
        }
        return response.sets().isEmpty() && !response.moreAvailable()
                ? pauseAfterEmptyAnswer(timing.idleDelay(), held) : Duration.ZERO;
    }

    /**
     * The wait after an empty answer. A transmitter that long-polls held the request until it timed
     * out: poll again at once, or an event arriving now would wait for nothing. One that answered
     * at once (it ignores long polling) is asked again only {@code idleDelay} after the last ask.
     */
    static Duration pauseAfterEmptyAnswer(Duration idleDelay, Duration held) {
        return held.compareTo(idleDelay) >= 0 ? Duration.ZERO : idleDelay.minus(held);
    }

    private Duration failed(int failures, String error) {
        deps.board().update(source.name(), s -> s.failed(error));
        Duration delay = timing.backoff().delay(failures, deps.random());
        LOG.warnf("event=poll_failed source=%s failures=%d retry_in=%s error=\"%s\"", source.name(), failures,
                delay, error);
        return delay;
    }

    /** @return true when asked to stop while waiting */
    private boolean pause(Duration duration) {
        try {
            return stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private boolean stopped() {
        return stopping.getCount() == 0 || Thread.currentThread().isInterrupted();
    }

    private void release() {
        try {
            deps.lease().release(source.name(), holder);
        } catch (RuntimeException e) {
            LOG.warnf("event=lease_release_failed source=%s error=\"%s\"", source.name(), e.getMessage());
        }
    }
}
