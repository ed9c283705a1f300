package dev.switchboard.gateway.delivery;

import dev.switchboard.connectors.scim.ScimException;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.switchboard.gateway.delivery.DeliveryScenario.newId;
import static dev.switchboard.gateway.delivery.DeliveryScenario.user;
import static dev.switchboard.gateway.delivery.DeliveryScenario.userKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks claimed beyond a target's free slots: with one slot and the periodic round ten minutes away,
 * the tasks behind the first are claimed with it and started by the worker that finishes it; a pause
 * hands the ones not started back to the queue.
 */
@QuarkusTest
@TestProfile(PrefetchTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class PrefetchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    TestTargets targets;
    @Inject
    FakeScimClients apps;
    @Inject
    DeliveryScenario scenario;
    @Inject
    DeliveryQueue queue;
    @Inject
    DeliveryWorker worker;
    @Inject
    TargetControlStore controls;

    @Test
    void tasksBehindTheFirst_areClaimedWithIt_andRunByTheWorkerThatFinishesIt() {
        targets.clear();
        TargetDefinition target = oneAtATime("prefetch-" + newId().substring(0, 8));
        targets.register(target);
        List<String> ids = List.of(newId(), newId(), newId());
        ids.forEach(id -> enqueueSilently(target, id));
        FakeScimServer app = apps.server(target.connection().baseUrl().toString());

        worker.wake(target.id());

        Await.until("all three delivered", TIMEOUT, () -> ids.stream().allMatch(id -> app.createdAtNanos("u-" + id).isPresent()));
        Await.until("queue empty", TIMEOUT, () -> ids.stream().allMatch(id -> queue.find(target.id(), userKey(id)).isEmpty()));
    }

    @Test
    void pausingTheTarget_handsThePrefetchedTasksBack_andResumingDeliversThem() throws Exception {
        targets.clear();
        TargetDefinition target = oneAtATime("prefetch-pause-" + newId().substring(0, 8));
        targets.register(target);
        controls.setPaused(target.id(), false, Instant.now());
        List<String> ids = List.of(newId(), newId(), newId());
        ids.forEach(id -> enqueueSilently(target, id));
        FakeScimServer app = apps.server(target.connection().baseUrl().toString());
        CountDownLatch appMayAnswer = new CountDownLatch(1);
        AtomicBoolean firstRequestHeld = new AtomicBoolean();
        app.failNext(1, () -> {
            firstRequestHeld.set(true);
            await(appMayAnswer);
            return new ScimException.Retryable("held, then 503", 503, null, null);
        });

        worker.wake(target.id());
        Await.until("the first request is held at the app", TIMEOUT, firstRequestHeld::get);
        Await.until("all three claimed (one running, two ahead)", TIMEOUT,
                () -> ids.stream().allMatch(id -> queue.find(target.id(), userKey(id)).orElseThrow().claimToken().isPresent()));

        controls.setPaused(target.id(), true, Instant.now());
        worker.wake();

        Await.until("the two not started are handed back", TIMEOUT,
                () -> ids.stream().filter(id -> queue.find(target.id(), userKey(id)).orElseThrow().claimToken().isEmpty()).count() == 2);
        appMayAnswer.countDown();
        Await.until("the held task is rescheduled, nothing else started", TIMEOUT,
                () -> ids.stream().allMatch(id -> queue.find(target.id(), userKey(id)).orElseThrow().claimToken().isEmpty()));
        assertThat(app.requests()).hasSize(1);

        controls.setPaused(target.id(), false, Instant.now());
        worker.wake();

        Await.until("all three delivered after resume", TIMEOUT,
                () -> ids.stream().allMatch(id -> app.createdAtNanos("u-" + id).isPresent()));
    }

    private static TargetDefinition oneAtATime(String id) {
        TargetDefinition target = DeliveryScenario.target(id, DeprovisionMode.DELETE, false);
        return new TargetDefinition(target.id(), target.displayName(), target.revision(), target.connection(), target.scope(),
                target.mapping(), target.deprovision(), target.provisionGroups(), target.rateLimit(), 1);
    }

    private void enqueueSilently(TargetDefinition target, String id) {
        SubjectKey key = userKey(id);
        scenario.storeWithoutEvent(key, 1, user(id, "u-" + id, "Ahead"));
        QuarkusTransaction.requiringNew().run(() -> queue.enqueue(target.id(), key, 1, Instant.now()));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never let the app answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
