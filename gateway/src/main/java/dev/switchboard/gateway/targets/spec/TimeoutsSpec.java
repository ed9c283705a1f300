package dev.switchboard.gateway.targets.spec;

/** Durations as {@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601 ({@code PT5S}). */
public record TimeoutsSpec(String connect, String request) {
}
