package dev.switchboard.gateway.delivery;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.random.RandomGenerator;

/** Defaults for what tests replace: time, randomness, and how SCIM clients are built. */
@ApplicationScoped
class DeliveryBeans {

    /** Time and jitter for delivery; one bean so tests can swap it without touching other areas' clocks. */
    @Produces
    @Singleton
    @DefaultBean
    DeliveryTime deliveryTime() {
        return new DeliveryTime(Clock.systemUTC(), RandomGenerator.getDefault());
    }

    @Produces
    @Singleton
    @DefaultBean
    ScimClientCreator scimClientCreator() {
        return connection -> {
            throw new IllegalStateException("no SCIM client implementation is wired in; merge connectors");
        };
    }
}
