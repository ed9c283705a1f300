package dev.switchboard.gateway.delivery;

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
import java.util.Optional;

import static dev.switchboard.gateway.delivery.DeliveryScenario.newId;
import static dev.switchboard.gateway.delivery.DeliveryScenario.user;
import static dev.switchboard.gateway.delivery.DeliveryScenario.userKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What wakes the dispatcher, with the periodic round ten minutes away: a stored change wakes it for
 * every target at once, and a finished task wakes it for that task's target only.
 */
@QuarkusTest
@TestProfile(SlowPollTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class DispatchWakeUpTest {

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

    @Test
    void storedChange_isDeliveredWithoutWaitingForThePollInterval() {
        targets.clear();
        TargetDefinition target = DeliveryScenario.target("wake-" + newId().substring(0, 8), DeprovisionMode.DELETE, false);
        targets.register(target);
        String id = newId();

        scenario.store(userKey(id), 1, user(id, "woken-" + id, "Woken"));

        FakeScimServer app = apps.server(target.connection().baseUrl().toString());
        Await.until("user delivered", TIMEOUT, () -> app.createdAtNanos("woken-" + id).isPresent());
    }

    @Test
    void finishedTask_claimsForItsOwnTargetOnly() {
        targets.clear();
        // targets are visited in id order: "a-" first, so a round that included it would claim its
        // task before the freed target's, i.e. before the freed target's work could even start
        String suffix = newId().substring(0, 8);
        TargetDefinition bystander = oneAtATime("a-bystander-" + suffix);
        TargetDefinition freed = oneAtATime("b-freed-" + suffix);
        targets.register(bystander);
        targets.register(freed);
        String first = newId();
        String second = newId();
        String waiting = newId();
        enqueueSilently(freed, first);
        enqueueSilently(freed, second);
        enqueueSilently(bystander, waiting);
        FakeScimServer freedApp = apps.server(freed.connection().baseUrl().toString());
        FakeScimServer bystanderApp = apps.server(bystander.connection().baseUrl().toString());

        worker.wake(freed.id());

        // one slot: the second task can only have been claimed by the round its predecessor's end asked for
        Await.until("both tasks of the freed target delivered", TIMEOUT, () -> freedApp.createdAtNanos("u-" + first).isPresent()
                && freedApp.createdAtNanos("u-" + second).isPresent());
        assertThat(queue.find(bystander.id(), userKey(waiting)).orElseThrow().claimToken()).isEqualTo(Optional.empty());
        assertThat(bystanderApp.requests()).isEmpty();

        worker.wake();

        Await.until("bystander delivered once every target is looked at", TIMEOUT,
                () -> bystanderApp.createdAtNanos("u-" + waiting).isPresent());
    }

    private static TargetDefinition oneAtATime(String id) {
        TargetDefinition target = DeliveryScenario.target(id, DeprovisionMode.DELETE, false);
        return new TargetDefinition(target.id(), target.displayName(), target.revision(), target.connection(), target.scope(),
                target.mapping(), target.deprovision(), target.provisionGroups(), target.rateLimit(), 1);
    }

    private void enqueueSilently(TargetDefinition target, String id) {
        SubjectKey key = userKey(id);
        scenario.storeWithoutEvent(key, 1, user(id, "u-" + id, "Silent"));
        QuarkusTransaction.requiringNew().run(() -> queue.enqueue(target.id(), key, 1, Instant.now()));
    }
}
