package dev.switchboard.gateway.source;

import dev.switchboard.testkit.time.MutableClock;
import dev.switchboard.gateway.testing.TestTransmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real JWKS endpoint (the test transmitter's); time moves only when the test says so. */
class JwksCacheTest {

    private final TestTransmitter transmitter = TestTransmitter.start("jwks", Duration.ofMillis(10));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final JwksCache cache = new JwksCache(HttpClient.newHttpClient(), clock, Duration.ofSeconds(30), Duration.ofHours(1));
    private final Source source = new Source("s", transmitter.issuer(), "switchboard",
            URI.create(transmitter.issuer() + "/protocol/openid-connect/certs"), Optional.empty(), true, true);

    @AfterEach
    void stop() {
        transmitter.close();
    }

    @Test
    void knownKid_isServedFromCacheAfterTheFirstFetch() {
        String kid = transmitter.currentKid();

        assertThat(cache.key(source, kid)).isPresent();
        assertThat(cache.key(source, kid)).isPresent();

        assertThat(transmitter.jwksFetches()).isEqualTo(1);
    }

    @Test
    void unknownKid_afterTheRefetchInterval_refetchesAndFindsTheRotatedKey() {
        cache.key(source, transmitter.currentKid());
        String rotated = transmitter.rotateKey(false);
        clock.advance(Duration.ofSeconds(30));

        assertThat(cache.key(source, rotated)).isPresent();
        assertThat(transmitter.jwksFetches()).isEqualTo(2);
    }

    @Test
    void unknownKid_withinTheRefetchInterval_doesNotRefetch() {
        cache.key(source, transmitter.currentKid());
        String rotated = transmitter.rotateKey(false);
        clock.advance(Duration.ofSeconds(29));

        assertThat(cache.key(source, rotated)).isEmpty();
        assertThat(cache.key(source, "invented")).isEmpty();
        assertThat(transmitter.jwksFetches()).isEqualTo(1);
    }

    @Test
    void cachedSetOlderThanMaxAge_isFetchedAgain() {
        cache.key(source, transmitter.currentKid());
        clock.advance(Duration.ofHours(1).plusSeconds(1));

        cache.key(source, transmitter.currentKid());

        assertThat(transmitter.jwksFetches()).isEqualTo(2);
    }

    @Test
    void unreachableJwks_isReportedAsSourceUnavailable() {
        Source nowhere = new Source("n", "http://127.0.0.1:1/realms/x", "switchboard",
                URI.create("http://127.0.0.1:1/realms/x/protocol/openid-connect/certs"), Optional.empty(), true, true);

        assertThatThrownBy(() -> cache.key(nowhere, "k"))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

}
