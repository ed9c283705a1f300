package dev.switchboard.gateway.events;

import java.time.Instant;
import java.util.Optional;

/**
 * What the caller asked to see; every field is optional and they combine with AND.
 *
 * @param sourceId  the source (one Keycloak realm's transmitter)
 * @param typeUri   the RFC 9967 event type URI
 * @param subjectId the user's or group's id at the source
 * @param since     received at or after
 * @param until     received before
 * @param beforeId  keyset cursor: only events older (smaller id) than this
 */
public record EventFilter(Optional<String> sourceId, Optional<String> typeUri, Optional<String> subjectId,
                          Optional<Instant> since, Optional<Instant> until, Optional<Long> beforeId) {
}
