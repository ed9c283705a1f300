package dev.switchboard.gateway.events;

import java.time.Instant;

/**
 * One accepted SET as the console lists it. The token itself is not shown: it carries the
 * subject's whole snapshot, personal data the stream does not need.
 *
 * @param type     the event type URI
 * @param typeName its short name: {@code create}, {@code put} or {@code delete}
 * @param outcome  {@code APPLIED} (moved the subject forward) or {@code SUPERSEDED} (a newer state was already stored)
 * @param channel  {@code POLL} or {@code PUSH}
 */
public record EventView(String jti, String sourceId, String type, String typeName, String subjectType, String subjectId,
                        long seq, String outcome, Instant receivedAt, String channel) {
}
