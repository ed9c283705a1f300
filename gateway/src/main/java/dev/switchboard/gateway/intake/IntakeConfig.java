package dev.switchboard.gateway.intake;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Verification, push and polling settings shared by all sources ({@code switchboard.intake.*}). */
@ConfigMapping(prefix = "switchboard.intake")
public interface IntakeConfig {

    /** The {@code aud} every SET must carry unless a source overrides it. */
    @WithDefault("switchboard")
    String audience();

    /**
     * Oldest {@code iat} accepted. The Keycloak extension signs at every hand-over, so its SETs are
     * always fresh; a transmitter that signs when the change happens needs this to exceed the
     * longest outage the gateway should survive. The {@code jti} table, not this window, stops replays.
     */
    @WithDefault("7d")
    Duration maxAge();

    /** Tolerated difference between the transmitter's clock and ours. */
    @WithDefault("60s")
    Duration clockSkew();

    /** Least time between two JWKS fetches of one source caused by an unknown {@code kid}. */
    @WithDefault("30s")
    Duration jwksRefetchInterval();

    /** How long a fetched JWKS is used before it is fetched again anyway. */
    @WithDefault("1h")
    Duration jwksMaxAge();

    Push push();

    Poll poll();

    interface Push {
        /** Off refuses every push with 403; sources can also opt out one by one. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("256K")
        MemorySize maxBodySize();
    }

    interface Poll {
        /** First wait after a failed poll; doubles per failure up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /**
         * Least time between the asks of two empty answers, so a transmitter that ignores long polling
         * is not hammered; after an empty answer the transmitter held this long, the next poll goes at once.
         */
        @WithDefault("500ms")
        Duration idleDelay();

        /** How long a replica owns a source; renewed on every poll. */
        @WithDefault("60s")
        Duration leaseDuration();
    }
}
