package dev.switchboard.gateway.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.switchboard.gateway.subject.Snapshot;
import dev.switchboard.gateway.subject.SubjectKey;

/**
 * Snapshots recently parsed for delivery, by subject and {@code seq}. One change fans out to every
 * target in scope, and each target's task used to parse the same stored JSON again: in a warm
 * fan-out to three targets, that parsing was a tenth of the gateway's CPU. A subject's state at a
 * given {@code seq} never changes (intake only replaces it with a higher one), so a parsed copy can
 * be shared; snapshots are records that delivery only reads.
 *
 * <p>Bounded, least recently used first out; a miss only costs the parse it would have cost anyway.
 */
final class ParsedSnapshots {

    /** Identifies one stored state: the same subject at the same seq is always the same snapshot. */
    record Key(SubjectKey subject, long seq, boolean deleted) {
    }

    /** Parses the stored text when the snapshot is not at hand. */
    @FunctionalInterface
    interface Parser {
        Snapshot parse() throws com.fasterxml.jackson.core.JsonProcessingException;
    }

    private final Map<Key, Snapshot> recent;

    ParsedSnapshots(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.recent = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Snapshot> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The snapshot for the key, parsed (outside the lock) only when it is not known yet. */
    Snapshot get(Key key, Parser parser) throws com.fasterxml.jackson.core.JsonProcessingException {
        synchronized (recent) {
            Snapshot known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        Snapshot parsed = parser.parse();
        synchronized (recent) {
            recent.put(key, parsed);
        }
        return parsed;
    }

    int size() {
        synchronized (recent) {
            return recent.size();
        }
    }
}
