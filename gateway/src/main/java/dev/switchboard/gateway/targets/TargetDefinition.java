package dev.switchboard.gateway.targets;

import dev.switchboard.connectors.scim.ScimClientConfig;

/**
 * A downstream application as delivery sees it: resolved, validated, secrets decrypted in memory.
 *
 * @param id              stable name used in paths, metrics and the link table
 * @param revision        bumps on every change, so cached clients are rebuilt
 * @param connection      how to reach the app (base URL, auth, vendor profile)
 * @param scope           which subjects belong in this app
 * @param mapping         how a snapshot becomes this app's SCIM resource
 * @param deprovision     what leaving scope (or deletion) does remotely
 * @param provisionGroups whether groups and memberships are pushed
 * @param rateLimit       requests per second allowed towards the app
 * @param concurrency     requests in flight at once towards the app
 */
public record TargetDefinition(
        String id,
        String displayName,
        long revision,
        ScimClientConfig connection,
        TargetScope scope,
        AttributeMapping mapping,
        DeprovisionMode deprovision,
        boolean provisionGroups,
        RateLimit rateLimit,
        int concurrency) {

    /** A token bucket: {@code perSecond} sustained, {@code burst} at once. */
    public record RateLimit(double perSecond, int burst) {
    }
}
