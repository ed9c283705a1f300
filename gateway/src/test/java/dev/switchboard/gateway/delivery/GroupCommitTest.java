package dev.switchboard.gateway.delivery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

    private Function<List<String>, List<Integer>> recording(CountDownLatch firstBatchMayEnd) {
        return items -> {
            batches.add(List.copyOf(items));
            if (batches.size() == 1) {
                await(firstBatchMayEnd);
            }
            if (items.contains("bad")) {
                throw new IllegalStateException("bad item");
            }
            return items.stream().map(String::length).toList();
        };
    }

    @Test
    void aLoneItem_isCommittedAtOnce_byItsOwnCaller() {
        GroupCommit<String, Integer> commits = new GroupCommit<>(recording(new CountDownLatch(0)), 10);

        assertThat(commits.commit("abc")).isEqualTo(3);
        assertThat(batches).containsExactly(List.of("abc"));
    }

    @Test
    void itemsHandedOverWhileACommitRuns_areCommittedTogetherInTheNextOne() throws Exception {
        CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
        GroupCommit<String, Integer> commits = new GroupCommit<>(recording(firstBatchMayEnd), 10);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> first = callers.submit(() -> commits.commit("first"));
            Await.until("the first commit runs", () -> batches.size() == 1);
            List<Future<Integer>> others = List.of("a", "bb", "ccc").stream()
                    .map(item -> callers.submit(() -> commits.commit(item))).toList();
            Await.until("three items wait", () -> commits.waiting() == 3);

            firstBatchMayEnd.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(5);
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> other : others) {
                results.add(other.get(5, TimeUnit.SECONDS));
            }
            assertThat(results).containsExactly(1, 2, 3);
            assertThat(batches).hasSize(2);
            assertThat(batches.get(1)).containsExactlyInAnyOrder("a", "bb", "ccc");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void moreItemsWaitingThanABatchHolds_areCommittedInSeveralBatchesOfAtMostMax() throws Exception {
        CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
        GroupCommit<String, Integer> commits = new GroupCommit<>(recording(firstBatchMayEnd), 2);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            Future<Integer> first = callers.submit(() -> commits.commit("first"));
            Await.until("the first commit runs", () -> batches.size() == 1);
            List<Future<Integer>> others = List.of("a", "b", "c", "d", "e").stream()
                    .map(item -> callers.submit(() -> commits.commit(item))).toList();
            Await.until("five items wait", () -> commits.waiting() == 5);

            firstBatchMayEnd.countDown();

            first.get(5, TimeUnit.SECONDS);
            for (Future<Integer> other : others) {
                assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(batches.subList(1, batches.size())).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
            assertThat(batches.subList(1, batches.size()).stream().mapToInt(List::size).sum()).isEqualTo(5);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aBatchThatFails_isRetriedItemByItem_soOnlyTheBadItemsCallerFails() throws Exception {
        CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
        GroupCommit<String, Integer> commits = new GroupCommit<>(recording(firstBatchMayEnd), 10);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> first = callers.submit(() -> commits.commit("first"));
            Await.until("the first commit runs", () -> batches.size() == 1);
            Future<Integer> good = callers.submit(() -> commits.commit("good"));
            Future<Integer> bad = callers.submit(() -> commits.commit("bad"));
            Await.until("two items wait", () -> commits.waiting() == 2);

            firstBatchMayEnd.countDown();

            first.get(5, TimeUnit.SECONDS);
            assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo(4);
            assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("bad item");
            assertThat(batches.get(1)).containsExactlyInAnyOrder("good", "bad");
            assertThat(batches.subList(2, batches.size())).containsExactlyInAnyOrder(List.of("good"), List.of("bad"));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aLoneItemThatFails_throwsItsOwnException() {
        GroupCommit<String, Integer> commits = new GroupCommit<>(recording(new CountDownLatch(0)), 10);

        assertThatThrownBy(() -> commits.commit("bad")).isInstanceOf(IllegalStateException.class).hasMessage("bad item");
        assertThat(batches).containsExactly(List.of("bad"));
    }

    @Test
    void maxBatchBelowOne_isRefused() {
        assertThatThrownBy(() -> new GroupCommit<String, Integer>(items -> List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
