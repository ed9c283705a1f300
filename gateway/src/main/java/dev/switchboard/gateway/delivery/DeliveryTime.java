package dev.switchboard.gateway.delivery;

import java.time.Clock;
import java.util.random.RandomGenerator;

/** The clock and random source delivery decides with, injected so tests control both. */
public record DeliveryTime(Clock clock, RandomGenerator random) {
}
