package dev.switchboard.gateway.people;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long provision-now waits for delivery to finish a person. */
@ConfigMapping(prefix = "switchboard.people.provision")
interface ProvisionConfig {

    /** After this the answer says {@code pending}; delivery carries on regardless. */
    @WithDefault("30s")
    Duration timeout();

    /** How often the queue is looked at while waiting. */
    @WithDefault("100ms")
    Duration checkEvery();

    /** How long to wait for the attempt log (written in batches) to show the calls of a finished target. */
    @WithDefault("2s")
    Duration attemptLogSettle();
}
