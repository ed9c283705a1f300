package dev.switchboard.gateway.events;

import dev.switchboard.gateway.intake.EventType;
import dev.switchboard.gateway.listing.BadParameter;

import java.util.Arrays;
import java.util.Locale;

/** Short names for the event type URIs, so a filter can say {@code type=delete}. */
final class EventTypes {

    private EventTypes() {
    }

    static String shortName(String uri) {
        return EventType.fromUri(uri).map(EventTypes::shortName).orElse(uri);
    }

    /** Accepts a short name ({@code create}, {@code put}, {@code delete}) or the full URI. */
    static String uriOf(String typeParam) {
        String wanted = typeParam.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(EventType.values())
                .filter(t -> t.uri().equals(typeParam.trim()) || shortName(t).equals(wanted))
                .findFirst().map(EventType::uri)
                .orElseThrow(() -> new BadParameter("type", "must be create, put or delete (or the event type URI)"));
    }

    private static String shortName(EventType type) {
        return switch (type) {
            case CREATE_FULL -> "create";
            case PUT_FULL -> "put";
            case DELETE -> "delete";
        };
    }
}
