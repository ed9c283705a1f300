package dev.switchboard.gateway.targets.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations people write in YAML ({@code 500ms}, {@code 5s}, {@code 2m}) and ISO-8601. */
final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {
    }

    /** @throws IllegalArgumentException when the text is neither form */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a duration like 500ms, 5s, 2m or PT5S");
        }
    }
}
