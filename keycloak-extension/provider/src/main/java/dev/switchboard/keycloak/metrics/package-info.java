/**
 * The extension's meters in Keycloak's Micrometer registry (served on the management port's
 * {@code /metrics} when Keycloak runs with {@code --metrics-enabled=true}), tagged by realm name.
 */
package dev.switchboard.keycloak.metrics;
