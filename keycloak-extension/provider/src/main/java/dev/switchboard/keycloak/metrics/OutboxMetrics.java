package dev.switchboard.keycloak.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-realm meters of the outbox. Counters count what this node did since it started (rows
 * appended, SETs served, rows acknowledged, SETs refused into dead letters); gauges report what
 * the database holds (pending depth, dead letters kept). A realm's gauges are registered the first
 * time this node captures, serves or settles anything for it, so they appear with the first poll.
 */
public final class OutboxMetrics {

    static final String APPENDED = "switchboard.outbox.appended";
    static final String SERVED = "switchboard.outbox.served";
    static final String ACKNOWLEDGED = "switchboard.outbox.acknowledged";
    static final String DEAD_LETTERED = "switchboard.outbox.dead.lettered";
    static final String DEPTH = "switchboard.outbox.depth";
    static final String DEAD = "switchboard.outbox.dead";
    static final String REALM = "realm";

    private final MeterRegistry registry;
    private final OutboxCensus census;
    private final Set<String> gaugedRealms = ConcurrentHashMap.newKeySet();
    /** Registered counters by name and realm: a poll bumps two of them, and a builder lookup per poll showed in profiles. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public OutboxMetrics(MeterRegistry registry, OutboxCensus census) {
        this.registry = registry;
        this.census = census;
    }

    public void appended(String realm, int rows) {
        count(APPENDED, "outbox rows written by captured changes and resyncs", realm, rows);
    }

    public void served(String realm, int sets) {
        count(SERVED, "SETs handed to the receiver in poll answers, repeats included", realm, sets);
    }

    public void acknowledged(String realm, int rows) {
        count(ACKNOWLEDGED, "outbox rows deleted because the receiver acknowledged them", realm, rows);
    }

    public void deadLettered(String realm, int sets) {
        count(DEAD_LETTERED, "SETs the receiver refused (setErrs), moved to dead letters", realm, sets);
    }

    private void count(String name, String description, String realm, int amount) {
        gauges(realm);
        counters.computeIfAbsent(name + '\n' + realm,
                key -> Counter.builder(name).description(description).tag(REALM, realm).register(registry))
                .increment(amount);
    }

    private void gauges(String realm) {
        if (!gaugedRealms.add(realm)) {
            return;
        }
        Gauge.builder(DEPTH, census, c -> c.of(realm).pending())
                .description("outbox rows waiting for the receiver's acknowledgement").tag(REALM, realm)
                .strongReference(true).register(registry);
        Gauge.builder(DEAD, census, c -> c.of(realm).dead())
                .description("refused SETs kept as dead letters until the retention passes").tag(REALM, realm)
                .strongReference(true).register(registry);
    }
}
