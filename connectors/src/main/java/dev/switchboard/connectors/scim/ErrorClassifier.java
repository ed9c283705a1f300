package dev.switchboard.connectors.scim;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a failed exchange into a typed {@link ScimException}, so every caller decides retry, adopt or
 * dead-letter from the type and never from status codes.
 *
 * <p>The decision rests on the status and the RFC 7644 {@code scimType} only. Free-text {@code detail}
 * is never interpreted: a 500 saying "not found" is still a server error and stays retryable, because
 * guessing from prose would turn a flaky provider into lost updates.
 */
public final class ErrorClassifier {

    private final Clock clock;

    public ErrorClassifier(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Classifies a non-2xx response.
     *
     * @param path       request path without query (queries may carry personal data such as a userName)
     * @param retryAfter the raw {@code Retry-After} header, when present
     */
    public ScimException classify(String method, String path, int status, Optional<String> scimType,
                                  Optional<String> retryAfter) {
        String message = "%s %s status=%d%s".formatted(method, path, status,
                scimType.map(t -> " scimType=" + t).orElse(""));
        if (scimType.filter("uniqueness"::equalsIgnoreCase).isPresent() && status >= 400 && status < 500) {
            return new ScimException.Conflict(message);
        }
        return switch (status) {
            case 404 -> new ScimException.NotFound(message);
            case 409 -> new ScimException.Conflict(message);
            case 412 -> new ScimException.PreconditionFailed(message);
            case 408, 500, 502, 504 -> new ScimException.Retryable(message, status, null, null);
            case 429, 503 -> new ScimException.Retryable(message, status,
                    retryAfter.flatMap(this::retryAfter).orElse(null), null);
            default -> status > 500 && status != 501 && status != 505
                    ? new ScimException.Retryable(message, status, null, null)
                    : new ScimException.Permanent(message, status, scimType.orElse(null));
        };
    }

    /** No response arrived: connection refused or reset, timeout, interrupted. All worth another try. */
    public ScimException.Retryable noResponse(String method, String path, Exception cause) {
        String kind = cause instanceof HttpTimeoutException ? "timeout"
                : cause instanceof IOException ? "io" : "interrupted";
        return new ScimException.Retryable("%s %s failed=%s".formatted(method, path, kind), 0, null, cause);
    }

    /**
     * A 2xx response that breaks the protocol (not JSON, wrong media type, no {@code id}). Retrying the
     * same request would get the same answer, so it is permanent.
     */
    public ScimException.Permanent protocolError(String method, String path, int status, String reason) {
        return new ScimException.Permanent("%s %s status=%d protocol error: %s".formatted(method, path, status, reason),
                status, null);
    }

    /**
     * Parses {@code Retry-After} (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. A date in the past
     * means "now" (zero); an unreadable value is ignored so the caller's own backoff applies.
     */
    public Optional<Duration> retryAfter(String header) {
        String value = header.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
