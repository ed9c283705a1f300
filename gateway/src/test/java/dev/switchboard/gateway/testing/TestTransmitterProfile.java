package dev.switchboard.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the gateway with two {@link TestTransmitter}s configured as sources: {@link #POLLED}
 * (source {@code kc}, polled) and {@link #PUSHER} (source {@code pusher}, push only). The
 * transmitters start once per JVM, before Quarkus reads its configuration, because their ports
 * are only known then. Timings are shortened so failure and recovery take milliseconds.
 */
public class TestTransmitterProfile implements QuarkusTestProfile {

    public static final String POLLED_SOURCE = "kc";
    public static final String PUSH_SOURCE = "pusher";
    public static final TestTransmitter POLLED = TestTransmitter.start("hub", Duration.ofSeconds(1));
    public static final TestTransmitter PUSHER = TestTransmitter.start("pushers", Duration.ofSeconds(1));

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.putAll(POLLED.sourceConfig(POLLED_SOURCE, true));
        config.putAll(PUSHER.sourceConfig(PUSH_SOURCE, false));
        config.put("switchboard.sources." + POLLED_SOURCE + ".long-poll-wait", "5s");
        config.put("switchboard.intake.jwks-refetch-interval", "0s");
        config.put("switchboard.intake.poll.initial-backoff", "100ms");
        config.put("switchboard.intake.poll.max-backoff", "400ms");
        config.put("switchboard.intake.poll.idle-delay", "20ms");
        config.put("switchboard.intake.poll.lease-duration", "10s");
        return config;
    }
}
