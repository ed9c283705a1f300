package dev.switchboard.gateway.delivery;

import dev.switchboard.connectors.scim.ScimClient;
import dev.switchboard.connectors.scim.ScimClientConfig;

/** Builds a SCIM client for one target's connection; {@link TargetClients} caches the result. */
@FunctionalInterface
public interface ScimClientCreator {

    ScimClient create(ScimClientConfig connection);
}
