package dev.switchboard.connectors.scim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final ErrorClassifier classifier = new ErrorClassifier(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "status {0} scimType ''{1}'' -> {2} retryable={3}")
    @CsvSource(nullValues = "-", value = {
            "400, invalidValue,  Permanent,          false",
            "400, invalidFilter, Permanent,          false",
            "400, tooMany,       Permanent,          false",
            "400, mutability,    Permanent,          false",
            "400, uniqueness,    Conflict,           false",
            "400, -,             Permanent,          false",
            "401, -,             Permanent,          false",
            "403, -,             Permanent,          false",
            "404, -,             NotFound,           false",
            "405, -,             Permanent,          false",
            "408, -,             Retryable,          true",
            "409, uniqueness,    Conflict,           false",
            "409, -,             Conflict,           false",
            "412, -,             PreconditionFailed, true",
            "413, -,             Permanent,          false",
            "415, -,             Permanent,          false",
            "429, -,             Retryable,          true",
            "500, -,             Retryable,          true",
            "501, -,             Permanent,          false",
            "502, -,             Retryable,          true",
            "503, -,             Retryable,          true",
            "504, -,             Retryable,          true",
            "507, -,             Retryable,          true",
            "302, -,             Permanent,          false",
    })
    void statusAndScimType_mapToTypedException(int status, String scimType, String type, boolean retryable) {
        ScimException e = classifier.classify("POST", "/Users", status, Optional.ofNullable(scimType), Optional.empty());

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).startsWith("POST /Users status=" + status);
    }

    @Test
    void permanent_keepsScimType() {
        ScimException e = classifier.classify("GET", "/Users", 400, Optional.of("invalidFilter"), Optional.empty());

        assertThat(e).isInstanceOfSatisfying(ScimException.Permanent.class,
                p -> assertThat(p.scimType()).contains("invalidFilter"));
    }

    @ParameterizedTest(name = "Retry-After ''{0}'' on {1} -> {2}s")
    @CsvSource(nullValues = "-", value = {
            "120,                           429, 120",
            "0,                             503, 0",
            "'Mon, 30 Nov 2026 12:01:30 GMT', 503, 90",
            "'Mon, 30 Nov 2026 11:59:00 GMT', 429, 0",
            "soon,                          429, -",
            "-5,                            429, -",
            "99999999999999999999999,       429, -",
    })
    void retryAfter_isHonouredOn429And503(String header, int status, Long seconds) {
        ScimException e = classifier.classify("PATCH", "/Users/1", status, Optional.empty(), Optional.of(header));

        assertThat(e).isInstanceOfSatisfying(ScimException.Retryable.class, r -> assertThat(r.retryAfter())
                .isEqualTo(Optional.ofNullable(seconds).map(Duration::ofSeconds)));
    }

    @Test
    void retryAfter_on500_isNotUsed() {
        ScimException e = classifier.classify("GET", "/Users/1", 500, Optional.empty(), Optional.of("30"));

        assertThat(e).isInstanceOfSatisfying(ScimException.Retryable.class, r -> assertThat(r.retryAfter()).isEmpty());
    }

    @Test
    void ioFailureAndTimeout_areRetryableWithStatusZero() {
        ScimException.Retryable io = classifier.noResponse("GET", "/Users", new IOException("connection reset"));
        ScimException.Retryable timeout = classifier.noResponse("GET", "/Users", new HttpTimeoutException("timed out"));

        assertThat(io.status()).isZero();
        assertThat(io.getMessage()).contains("failed=io");
        assertThat(timeout.getMessage()).contains("failed=timeout");
        assertThat(timeout.retryable()).isTrue();
    }
}
