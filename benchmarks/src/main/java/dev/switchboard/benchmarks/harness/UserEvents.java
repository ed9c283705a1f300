package dev.switchboard.benchmarks.harness;

import dev.switchboard.gateway.testing.TestTransmitter;
import dev.switchboard.gateway.testing.TestTransmitter.SignedSet;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Signed "user created" SETs as the Keycloak extension would emit them (full snapshot, RS256),
 * signed before a run starts so signing never counts against the gateway. The subject id doubles as
 * the SCIM {@code externalId} the gateway writes, which is how sinks tell writes apart.
 */
public final class UserEvents {

    private UserEvents() {
    }

    /** Subject ids {@code prefix-0000000 … prefix-(count-1)}. */
    public static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> "%s-%07d".formatted(prefix, i)).toList();
    }

    /** One create SET per id, in the order given; signed on all cores. */
    public static List<SignedSet> created(TestTransmitter transmitter, List<String> ids) {
        return ids.parallelStream()
                .map(id -> transmitter.user(id)
                        .username("u" + id)
                        .dataField("name", Map.of("givenName", "Bench", "familyName", "User " + id))
                        .dataField("emails", List.of(Map.of("value", "u" + id + "@example.com", "primary", true)))
                        .created()
                        .sign())
                .toList();
    }
}
