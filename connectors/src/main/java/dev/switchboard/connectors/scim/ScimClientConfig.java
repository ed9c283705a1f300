package dev.switchboard.connectors.scim;

import dev.switchboard.connectors.auth.ScimAuth;

import java.net.URI;
import java.time.Duration;

/**
 * Everything needed to talk to one provider.
 *
 * @param baseUrl        the SCIM base, e.g. {@code https://app.example.com/scim/v2}
 * @param auth           how to authenticate
 * @param profile        vendor profile name (see {@code profiles/}); {@code "generic"} when unknown
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout whole-request timeout
 */
public record ScimClientConfig(URI baseUrl, ScimAuth auth, String profile, Duration connectTimeout, Duration requestTimeout) {
}
