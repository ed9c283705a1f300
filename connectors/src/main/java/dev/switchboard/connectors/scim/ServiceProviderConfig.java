package dev.switchboard.connectors.scim;

/**
 * What a provider says it supports (RFC 7643 §5), reduced to the decisions the client makes.
 */
public record ServiceProviderConfig(
        boolean patchSupported,
        boolean bulkSupported,
        int bulkMaxOperations,
        boolean filterSupported,
        int filterMaxResults,
        boolean etagSupported,
        boolean sortSupported) {
}
