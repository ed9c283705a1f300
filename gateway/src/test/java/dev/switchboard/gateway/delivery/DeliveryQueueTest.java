package dev.switchboard.gateway.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.gateway.links.LinkState;
import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.subject.SubjectKey;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.switchboard.gateway.delivery.DeliveryScenario.newId;
import static dev.switchboard.gateway.delivery.DeliveryScenario.userKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue on PostgreSQL, for targets no worker serves (they are not registered), so the test
 * alone moves the rows.
 */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class DeliveryQueueTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Inject
    DeliveryQueue queue;
    @Inject
    DeliveryScenario scenario;
    @Inject
    LinkStore links;
    @Inject
    TaskInputsReader inputs;

    private final String target = "queue-" + newId().substring(0, 8);

    private void enqueue(SubjectKey key, long seq, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> queue.enqueue(target, key, seq, at));
    }

    @Test
    void enqueueTwice_raisesWantedSeqOnOneRow_andLowerSeqNeverLowersIt() {
        SubjectKey key = userKey(newId());

        enqueue(key, 3, T0);
        enqueue(key, 7, T0.plusSeconds(1));
        enqueue(key, 5, T0.plusSeconds(2));

        DeliveryTask task = queue.find(target, key).orElseThrow();
        assertThat(task.wantedSeq()).isEqualTo(7);
        assertThat(task.firstEnqueuedAt()).isEqualTo(T0);
        assertThat(queue.backlog(target).pending()).isEqualTo(1);
    }

    @Test
    void newerSeqArrivingWhileInFlight_keepsTheTaskAfterCompletion_soItRunsAgain() {
        SubjectKey key = userKey(newId());
        enqueue(key, 1, T0);
        DeliveryTask claimed = queue.claim(target, 10, T0, T0.plusSeconds(60), "c1").get(0);

        enqueue(key, 2, T0.plusSeconds(1));
        boolean removed = queue.complete(claimed, 1, T0.plusSeconds(2));

        assertThat(removed).isFalse();
        DeliveryTask again = queue.claim(target, 10, T0.plusSeconds(2), T0.plusSeconds(60), "c2").get(0);
        assertThat(again.wantedSeq()).isEqualTo(2);
        assertThat(queue.complete(again, 2, T0.plusSeconds(3))).isTrue();
        assertThat(queue.find(target, key)).isEmpty();
    }

    @Test
    void claim_returnsExactlyTheRowsItLeased_oldestFirst_withTheirClaimToken() {
        SubjectKey a = userKey(newId());
        SubjectKey b = userKey(newId());
        SubjectKey c = userKey(newId());
        enqueue(c, 5, T0.plusSeconds(2));
        enqueue(a, 3, T0);
        enqueue(b, 4, T0.plusSeconds(1));

        List<DeliveryTask> first = queue.claim(target, 2, T0.plusSeconds(3), T0.plusSeconds(60), "t1");
        List<DeliveryTask> rest = queue.claim(target, 5, T0.plusSeconds(3), T0.plusSeconds(60), "t2");

        assertThat(first).extracting(DeliveryTask::key).containsExactlyInAnyOrder(a, b);
        assertThat(first).extracting(DeliveryTask::wantedSeq).containsExactlyInAnyOrder(3L, 4L);
        assertThat(first).extracting(DeliveryTask::id).isSorted();
        assertThat(first).allSatisfy(task -> assertThat(task.claimToken()).contains("t1"));
        assertThat(rest).extracting(DeliveryTask::key).containsExactly(c);
        assertThat(rest.get(0).claimToken()).contains("t2");
    }

    @Test
    void claimedTask_isDueAgainAtItsLeaseEnd() {
        SubjectKey key = userKey(newId());
        enqueue(key, 1, T0);

        queue.claim(target, 10, T0, T0.plusSeconds(60), "w");

        assertThat(queue.find(target, key).orElseThrow().nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void claimedTask_isNotClaimedAgainUntilItsLeaseExpires() {
        SubjectKey key = userKey(newId());
        enqueue(key, 1, T0);
        queue.claim(target, 10, T0, T0.plusSeconds(60), "dead-worker");

        assertThat(queue.claim(target, 10, T0.plusSeconds(59), T0.plusSeconds(120), "other")).isEmpty();
        List<DeliveryTask> reclaimed = queue.claim(target, 10, T0.plusSeconds(60), T0.plusSeconds(120), "other");

        assertThat(reclaimed).extracting(DeliveryTask::key).containsExactly(key);
    }

    @Test
    void completeByAWorkerWhoseLeaseWasTaken_changesNothing() {
        SubjectKey key = userKey(newId());
        enqueue(key, 1, T0);
        DeliveryTask stale = queue.claim(target, 10, T0, T0.plusSeconds(60), "slow").get(0);
        queue.claim(target, 10, T0.plusSeconds(61), T0.plusSeconds(120), "fresh");

        assertThat(queue.complete(stale, 1, T0.plusSeconds(62))).isFalse();
        assertThat(queue.find(target, key)).map(DeliveryTask::claimToken).contains(java.util.Optional.of("fresh"));
    }

    @Test
    void concurrentClaims_skipEachOthersLockedRows_andNeverShareATask() throws Exception {
        for (int i = 0; i < 20; i++) {
            enqueue(userKey(newId()), 1, T0);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<DeliveryTask>>> claims = List.of("a", "b", "c", "d").stream()
                .map(token -> CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return queue.claim(target, 8, T0, T0.plusSeconds(60), token);
                }))
                .toList();
        start.countDown();

        List<Long> ids = claims.stream().flatMap(f -> f.join().stream()).map(DeliveryTask::id).toList();

        Set<Long> distinct = ids.stream().collect(Collectors.toSet());
        assertThat(ids).hasSize(distinct.size());
        assertThat(ids).hasSize(20);
    }

    @Test
    void deadLetter_isReplayable_andDiscardable() {
        SubjectKey one = userKey(newId());
        SubjectKey two = userKey(newId());
        enqueue(one, 1, T0);
        enqueue(two, 1, T0);
        for (DeliveryTask task : queue.claim(target, 10, T0, T0.plusSeconds(60), "w")) {
            queue.deadLetter(task, 3, "POST /Users answered 400", T0);
        }
        assertThat(queue.deadLetters(java.util.Optional.of(target), 10)).hasSize(2);

        long firstId = queue.find(target, one).orElseThrow().id();
        assertThat(queue.replay(firstId, T0.plusSeconds(5))).isTrue();
        assertThat(queue.replay(firstId, T0.plusSeconds(5))).isFalse();
        assertThat(queue.discard(queue.find(target, two).orElseThrow().id())).isTrue();

        assertThat(queue.deadLetters(java.util.Optional.of(target), 10)).isEmpty();
        DeliveryTask replayed = queue.find(target, one).orElseThrow();
        assertThat(replayed.status()).isEqualTo(DeliveryTask.TaskStatus.PENDING);
        assertThat(replayed.attempts()).isZero();
    }

    @Test
    void newChangeForADeadLetter_bringsItBackWithFreshAttempts() {
        SubjectKey key = userKey(newId());
        enqueue(key, 1, T0);
        queue.deadLetter(queue.claim(target, 10, T0, T0.plusSeconds(60), "w").get(0), 12, "gave up", T0);

        enqueue(key, 2, T0.plus(Duration.ofMinutes(5)));

        DeliveryTask revived = queue.find(target, key).orElseThrow();
        assertThat(revived.status()).isEqualTo(DeliveryTask.TaskStatus.PENDING);
        assertThat(revived.attempts()).isZero();
        assertThat(revived.wantedSeq()).isEqualTo(2);
    }

    @Test
    void enqueueAll_queuesEveryStoredSubjectForTheTargetOnce() {
        String id = newId();
        scenario.storeWithoutEvent(userKey(id), 7, DeliveryScenario.user(id, "quinn-" + id, "Quinn"));

        int enqueued = queue.enqueueAll(target, T0);
        int again = queue.enqueueAll(target, T0.plusSeconds(1));

        assertThat(enqueued).isPositive().isEqualTo(again);
        assertThat(queue.backlog(target).pending()).isEqualTo(enqueued);
        assertThat(queue.find(target, userKey(id)).orElseThrow().wantedSeq()).isEqualTo(7);
    }

    @Test
    void claimForWork_bringsEachTasksStoredStateAndLink_andEmptyOnesWhereThereAreNone() {
        String stored = newId();
        SubjectKey linked = userKey(stored);
        SubjectKey unknown = userKey(newId());
        scenario.storeWithoutEvent(linked, 7, DeliveryScenario.user(stored, "rosa-" + stored, "Rosa"));
        TargetLink link = new TargetLink(target, linked, "remote-" + stored, Optional.of("W/\"1\""), "hash-1",
                JsonNodeFactory.instance.objectNode().put("userName", "rosa-" + stored), Set.of("g1"), LinkState.ACTIVE, false, 6, T0);
        QuarkusTransaction.requiringNew().run(() -> links.save(link));
        enqueue(linked, 7, T0);
        enqueue(unknown, 2, T0);

        List<ClaimedTask> claimed = queue.claimForWork(target, 10, T0, T0.plusSeconds(60), "w", inputs);

        assertThat(claimed).hasSize(2);
        ClaimedTask withInputs = claimed.stream().filter(c -> c.task().key().equals(linked)).findFirst().orElseThrow();
        assertThat(withInputs.task().claimToken()).contains("w");
        TaskInputs read = withInputs.inputs().orElseThrow();
        assertThat(read.state()).hasValueSatisfying(state -> {
            assertThat(state.seq()).isEqualTo(7);
            assertThat(state.deleted()).isFalse();
        });
        assertThat(read.link()).contains(link);
        ClaimedTask bare = claimed.stream().filter(c -> c.task().key().equals(unknown)).findFirst().orElseThrow();
        assertThat(bare.inputs()).contains(new TaskInputs(Optional.empty(), Optional.empty()));
    }

    @Test
    void completeAll_removesTheDoneRows_andMakesDueAgainARowThatGotANewerChange() {
        SubjectKey done = userKey(newId());
        SubjectKey changed = userKey(newId());
        enqueue(done, 1, T0);
        enqueue(changed, 1, T0);
        List<DeliveryTask> claimed = queue.claim(target, 10, T0, T0.plusSeconds(60), "w");
        enqueue(changed, 2, T0.plusSeconds(1));

        List<Boolean> removed = QuarkusTransaction.requiringNew().call(() -> queue.completeAll(
                claimed.stream().map(task -> new DeliveryQueue.Finished(task, 1)).toList(), T0.plusSeconds(2)));

        assertThat(removed).containsExactly(claimed.get(0).key().equals(done), claimed.get(1).key().equals(done));
        assertThat(queue.find(target, done)).isEmpty();
        DeliveryTask again = queue.find(target, changed).orElseThrow();
        assertThat(again.claimToken()).isEmpty();
        assertThat(again.wantedSeq()).isEqualTo(2);
        assertThat(again.nextAttemptAt()).isEqualTo(T0.plusSeconds(2));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
