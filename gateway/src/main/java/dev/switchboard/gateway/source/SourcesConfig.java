package dev.switchboard.gateway.source;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The transmitters the gateway accepts events from, keyed by a short source name
 * ({@code switchboard.sources.<name>.*}). The name, not the issuer URL, is what the database stores,
 * so an issuer URL can change (new hostname) without orphaning stored subjects.
 */
@ConfigMapping(prefix = "switchboard.sources")
interface SourcesConfig {

    @WithParentName
    Map<String, SourceConfig> all();

    interface SourceConfig {

        /** Exactly the {@code iss} the transmitter puts into its SETs. */
        String issuer();

        /** RFC 8936 poll endpoint; without it the source can only push. */
        Optional<URI> pollUrl();

        /** OAuth 2.0 token endpoint for the client-credentials grant used to poll. */
        Optional<URI> tokenUrl();

        Optional<String> clientId();

        Optional<String> clientSecret();

        /** Overrides {@code switchboard.intake.audience} for this source. */
        Optional<String> audience();

        /** Defaults to Keycloak's {@code {issuer}/protocol/openid-connect/certs}. */
        Optional<URI> jwksUrl();

        @WithDefault("100")
        int maxEvents();

        /**
         * How long one poll request may take. The transmitter holds a long poll for its own bound
         * (Keycloak extension: 20 s), so this must be longer than that.
         */
        @WithDefault("40s")
        Duration longPollWait();

        @WithDefault("true")
        boolean enabled();

        /** Whether this issuer may also deliver by RFC 8935 push. */
        @WithDefault("true")
        boolean pushEnabled();
    }
}
