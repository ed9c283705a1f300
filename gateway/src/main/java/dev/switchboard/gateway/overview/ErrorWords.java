package dev.switchboard.gateway.overview;

import java.util.Optional;

/** Turns a failed attempt into one sentence an operator can act on, from fields already redacted. */
final class ErrorWords {

    private static final int MAX = 900;

    private ErrorWords() {
    }

    static String describe(String method, String path, int status, String outcome, Optional<String> responseExcerpt) {
        String answer = status == 0 ? "got no answer" : "answered " + status;
        String sentence = "%s %s %s (%s)".formatted(method, path, answer, outcome.replace('_', ' '));
        String withExcerpt = responseExcerpt.filter(e -> !e.isBlank()).map(e -> sentence + ": " + e).orElse(sentence);
        return withExcerpt.length() <= MAX ? withExcerpt : withExcerpt.substring(0, MAX) + "…";
    }
}
