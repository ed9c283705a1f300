package dev.switchboard.testkit.proxy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of what the proxy did. {@code forwarded} counts requests that reached the upstream,
 * including those held back by {@link FaultKind#SLOW}; {@code injected} counts decisions per kind.
 */
public record FaultStats(long forwarded, Map<FaultKind, Long> injected) {

    public FaultStats {
        EnumMap<FaultKind, Long> copy = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            copy.put(kind, injected.getOrDefault(kind, 0L));
        }
        injected = Collections.unmodifiableMap(copy);
    }

    public long injected(FaultKind kind) {
        return injected.get(kind);
    }

    /** Requests the proxy answered itself or dropped: every kind except {@link FaultKind#SLOW}. */
    public long notForwarded() {
        return injected.entrySet().stream().filter(e -> e.getKey() != FaultKind.SLOW).mapToLong(Map.Entry::getValue).sum();
    }

    /** Every request the proxy has seen. */
    public long total() {
        return forwarded + notForwarded();
    }
}
