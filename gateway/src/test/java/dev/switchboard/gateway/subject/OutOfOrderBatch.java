package dev.switchboard.gateway.subject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario for {@link SubjectStore#applyNewest}, run against each database kind: a batch whose
 * changes arrive out of order, partly older than what is stored, and twice for one subject.
 */
final class OutOfOrderBatch {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private OutOfOrderBatch() {
    }

    /**
     * @param apply   runs {@code applyNewest} (in a transaction where the store needs one)
     * @param applyOne stores one change first, as an earlier batch would have
     * @param find    reads a stored subject
     */
    static void keepsTheHighestSeqPerSubject(Function<List<SubjectStore.Change>, Set<SubjectKey>> apply,
                                             Function<SubjectStore.Change, Set<SubjectKey>> applyOne,
                                             Function<SubjectKey, Optional<SubjectStore.StoredSubject>> find) {
        SubjectKey storedNewer = key();
        SubjectKey storedOlder = key();
        SubjectKey twiceInBatch = key();
        applyOne.apply(change(storedNewer, 5, "stored-5"));
        applyOne.apply(change(storedOlder, 8, "stored-8"));

        Set<SubjectKey> moved = apply.apply(List.of(
                change(twiceInBatch, 4, "batch-4"),
                change(storedNewer, 3, "batch-3"),
                change(storedOlder, 9, "batch-9"),
                change(twiceInBatch, 2, "batch-2")));

        assertThat(moved).containsExactlyInAnyOrder(storedOlder, twiceInBatch);
        Map<SubjectKey, String> expected = Map.of(storedNewer, "stored-5", storedOlder, "batch-9", twiceInBatch, "batch-4");
        Map<SubjectKey, Long> seqs = Map.of(storedNewer, 5L, storedOlder, 9L, twiceInBatch, 4L);
        expected.forEach((key, username) -> {
            SubjectStore.StoredSubject stored = find.apply(key).orElseThrow();
            assertThat(stored.seq()).isEqualTo(seqs.get(key));
            assertThat(stored.snapshotJson()).contains("\"username\":\"" + username + "\"");
        });
    }

    static Instant now() {
        return NOW;
    }

    private static SubjectKey key() {
        return new SubjectKey("hub", SubjectType.USER, UUID.randomUUID().toString());
    }

    private static SubjectStore.Change change(SubjectKey key, long seq, String username) {
        return new SubjectStore.Change(key, seq, new UserSnapshot(key.subjectId(), "hub", username, username + "@example.com", true,
                "Given", "Family", true, Map.of(), List.of(), List.of()));
    }
}
