package dev.switchboard.connectors.profile;

/** Whether updates go out as PATCH or PUT. */
public enum PatchPreference {
    /** Follow the provider's {@code /ServiceProviderConfig} ({@code patch.supported}). */
    AUTO,
    /** PATCH even when the provider's config claims otherwise (some under-report). */
    ALWAYS,
    /** PUT only: PATCH is missing or too broken to trust. */
    NEVER
}
