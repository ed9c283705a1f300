package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * A resource as the provider returned it.
 *
 * @param id      the provider's id (never blank: a response without one is a protocol error)
 * @param version the version from {@code meta.version}, else the ETag header, when offered
 * @param body    the full JSON the provider returned
 */
public record ScimResource(String id, Optional<String> version, ObjectNode body) {
}
