package dev.switchboard.gateway.intake;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The system clock for beans that take a {@link Clock}, so tests can construct them with a fixed
 * one. A default bean: any other {@code Clock} producer in the application replaces it.
 */
@ApplicationScoped
class ClockProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
