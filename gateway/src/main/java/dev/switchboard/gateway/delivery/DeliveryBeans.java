package dev.switchboard.gateway.delivery;

import dev.switchboard.connectors.scim.ScimClients;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Defaults that other beans (or tests) replace: time, randomness, targets, how SCIM clients are built. */
@ApplicationScoped
class DeliveryBeans {

    /** Time and jitter for delivery; one bean so tests can swap it without touching other areas' clocks. */
    @Produces
    @Singleton
    @DefaultBean
    DeliveryTime deliveryTime() {
        return new DeliveryTime(Clock.systemUTC(), RandomGenerator.getDefault());
    }

    /**
     * Stand-in until the targets area's registry is on the classpath: no targets, so nothing is
     * delivered. Any other {@link TargetRegistry} bean replaces it (that is what {@code @DefaultBean} means).
     */
    @Produces
    @Singleton
    @DefaultBean
    TargetRegistry noTargets() {
        return new TargetRegistry() {
            @Override
            public List<TargetDefinition> all() {
                return List.of();
            }

            @Override
            public Optional<TargetDefinition> byId(String id) {
                return Optional.empty();
            }
        };
    }

    @Produces
    @Singleton
    @DefaultBean
    ScimClientCreator scimClientCreator() {
        return ScimClients::create;
    }
}
