package dev.switchboard.keycloak.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.keycloak.outbox.SubjectType;

class SnapshotTest {

    @Test
    void sameContentInDifferentMapOrder_hasSameJsonAndHash() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", "u1");
        first.put("attributes", Map.of("b", List.of("2"), "a", List.of("1")));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("attributes", Map.of("a", List.of("1"), "b", List.of("2")));
        second.put("id", "u1");

        Snapshot a = Snapshot.of(SubjectType.USER, "u1", first);
        Snapshot b = Snapshot.of(SubjectType.USER, "u1", second);

        assertThat(a.json()).isEqualTo(b.json());
        assertThat(a.hash()).isEqualTo(b.hash()).hasSize(64);
    }

    @Test
    void changedValue_changesHash() {
        Snapshot before = Snapshot.of(SubjectType.USER, "u1", Map.of("active", true));
        Snapshot after = Snapshot.of(SubjectType.USER, "u1", Map.of("active", false));
        assertThat(before.hash()).isNotEqualTo(after.hash());
    }
}
