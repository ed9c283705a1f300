package dev.switchboard.keycloak.capture;

import java.util.Optional;

import org.keycloak.events.admin.ResourceType;

import dev.switchboard.keycloak.outbox.SubjectType;

/**
 * Which subject an admin event is about, read from its resource path, because the representation is
 * only attached when the realm stores admin events with "include representation". Paths look like
 * {@code users/{id}}, {@code users/{id}/groups/{groupId}} (membership: the user changes) or
 * {@code groups/{id}}, {@code groups/{id}/children}.
 */
record AdminEventSubject(SubjectType type, String id) {

    static Optional<AdminEventSubject> of(ResourceType resourceType, String resourcePath) {
        if (resourceType == null || resourcePath == null) {
            return Optional.empty();
        }
        String[] segments = resourcePath.split("/");
        if (segments.length < 2 || segments[1].isBlank()) {
            return Optional.empty();
        }
        return switch (resourceType) {
            case USER, GROUP_MEMBERSHIP -> "users".equals(segments[0])
                    ? Optional.of(new AdminEventSubject(SubjectType.USER, segments[1]))
                    : Optional.empty();
            case GROUP -> "groups".equals(segments[0])
                    ? Optional.of(new AdminEventSubject(SubjectType.GROUP, segments[1]))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }
}
