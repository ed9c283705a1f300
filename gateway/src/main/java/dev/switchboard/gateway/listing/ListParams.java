package dev.switchboard.gateway.listing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Reads and checks list parameters; each method throws {@link BadParameter} naming what is wrong. */
public final class ListParams {

    /** No list answers more than this many items. */
    public static final int MAX_LIMIT = 500;
    private static final char SEPARATOR = '\n';

    private ListParams() {
    }

    public static int limit(String requested, int defaultLimit) {
        return bounded("limit", requested, defaultLimit, 1, MAX_LIMIT);
    }

    /** A whole number in {@code [min, max]}; parsed here so a typo is a 400 naming it, not a bare 404. */
    public static int bounded(String name, String requested, int defaultValue, int min, int max) {
        int value;
        try {
            value = requested == null || requested.isBlank() ? defaultValue : Integer.parseInt(requested.trim());
        } catch (NumberFormatException e) {
            throw new BadParameter(name, "must be a whole number between %d and %d".formatted(min, max));
        }
        if (value < min || value > max) {
            throw new BadParameter(name, "must be between %d and %d".formatted(min, max));
        }
        return value;
    }

    /** A text parameter, trimmed; blank means not given. */
    public static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    public static Optional<Instant> instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    /** An opaque cursor for keyset paging: the sort key of the last item, base64url so it survives a URL. */
    public static String cursor(List<String> sortKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key inside a cursor made by {@link #cursor}; {@code parts} says how many fields it must have. */
    public static Optional<List<String>> cursor(String value, int parts) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            List<String> fields = List.of(decoded.split(String.valueOf(SEPARATOR), -1));
            if (fields.size() != parts) {
                throw new BadParameter("cursor", "is not a cursor this list handed out");
            }
            return Optional.of(fields);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("cursor", "is not a cursor this list handed out");
        }
    }
}
