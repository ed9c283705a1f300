package dev.switchboard.gateway.ops;

import java.util.List;
import java.util.Map;

/**
 * What "test connection" found. Nothing in it comes from a response body except the capabilities,
 * and no credential ever appears in a detail.
 *
 * @param ok           every check passed
 * @param checks       {@code reachable}, {@code auth}, {@code serviceProviderConfig}, in that order
 * @param capabilities what the app's ServiceProviderConfig says it supports; empty when it could not be read
 */
public record ConnectionReport(boolean ok, List<Check> checks, Map<String, Object> capabilities) {

    /** One check: passed or not, why, and how long it took. */
    public record Check(String name, boolean ok, String detail, long latencyMs) {
    }
}
