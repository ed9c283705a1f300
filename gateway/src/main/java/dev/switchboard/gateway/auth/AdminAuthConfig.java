package dev.switchboard.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Access to the admin API and the console ({@code switchboard.admin.*}). */
@ConfigMapping(prefix = "switchboard.admin")
public interface AdminAuthConfig {

    /** Secure unless told otherwise: an unset mode means OIDC. */
    @WithDefault("oidc")
    AuthMode auth();

    /** Role allowed to read (every GET). */
    @WithDefault("switchboard-viewer")
    String viewerRole();

    /** Role allowed to change things (every POST, PUT, DELETE); implies the viewer role. */
    @WithDefault("switchboard-admin")
    String adminRole();
}
