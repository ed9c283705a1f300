package dev.switchboard.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.Snapshot;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;

class ParsedSnapshotsTest {

    private static final SubjectKey GROUP = new SubjectKey("hub", SubjectType.GROUP, "g-1");

    private final AtomicInteger parses = new AtomicInteger();

    private ParsedSnapshots.Parser parser(String name) {
        return () -> {
            parses.incrementAndGet();
            return new GroupSnapshot("g-1", "hub", name, "/" + name, null);
        };
    }

    @Test
    void sameSubjectAndSeq_isParsedOnce_andSharedByEveryTask() throws Exception {
        ParsedSnapshots cache = new ParsedSnapshots(8);

        Snapshot first = cache.get(new ParsedSnapshots.Key(GROUP, 7, false), parser("staff"));
        Snapshot second = cache.get(new ParsedSnapshots.Key(GROUP, 7, false), parser("ignored"));

        assertThat(second).isSameAs(first);
        assertThat(parses).hasValue(1);
    }

    @Test
    void higherSeqOrDeletion_isParsedFromItsOwnText() throws Exception {
        ParsedSnapshots cache = new ParsedSnapshots(8);
        cache.get(new ParsedSnapshots.Key(GROUP, 7, false), parser("staff"));

        Snapshot renamed = cache.get(new ParsedSnapshots.Key(GROUP, 8, false), parser("team"));
        cache.get(new ParsedSnapshots.Key(GROUP, 8, true), parser("gone"));

        assertThat(((GroupSnapshot) renamed).name()).isEqualTo("team");
        assertThat(parses).hasValue(3);
    }

    @Test
    void full_dropsTheLeastRecentlyUsed() throws Exception {
        ParsedSnapshots cache = new ParsedSnapshots(2);
        cache.get(new ParsedSnapshots.Key(GROUP, 1, false), parser("a"));
        cache.get(new ParsedSnapshots.Key(GROUP, 2, false), parser("b"));
        cache.get(new ParsedSnapshots.Key(GROUP, 1, false), parser("a")); // 1 is now the most recent

        cache.get(new ParsedSnapshots.Key(GROUP, 3, false), parser("c"));   // evicts 2
        cache.get(new ParsedSnapshots.Key(GROUP, 1, false), parser("a"));
        cache.get(new ParsedSnapshots.Key(GROUP, 2, false), parser("b"));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(parses).hasValue(4);
    }

    @Test
    void zeroCapacity_isRejected() {
        assertThatThrownBy(() -> new ParsedSnapshots(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
