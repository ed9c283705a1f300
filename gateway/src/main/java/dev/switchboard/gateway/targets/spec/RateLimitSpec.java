package dev.switchboard.gateway.targets.spec;

/** Token bucket towards the app: {@code perSecond} sustained, {@code burst} at once. */
public record RateLimitSpec(Double perSecond, Integer burst) {
}
