package dev.switchboard.gateway.intake.poll;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** The latest {@link SourceStatus} per source, written by pollers, read by health and the console. */
@ApplicationScoped
public class SourceStatusBoard {

    private final ConcurrentMap<String, SourceStatus> statuses = new ConcurrentHashMap<>();

    void set(String source, SourceStatus status) {
        statuses.put(source, status);
    }

    void update(String source, UnaryOperator<SourceStatus> change) {
        statuses.compute(source, (name, current) ->
                change.apply(current == null ? SourceStatus.initial(SourceState.STARTING) : current));
    }

    /** Sorted by source name, so health output is stable. */
    public Map<String, SourceStatus> all() {
        return new TreeMap<>(statuses);
    }
}
