package dev.switchboard.gateway.source;

import dev.switchboard.testkit.time.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.testing.TestTransmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against the test transmitter's token endpoint, which issues tokens with expires_in=300. */
class TokenClientTest {

    private final TestTransmitter transmitter = TestTransmitter.start("tokens", Duration.ofMillis(10));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final TokenClient client = new TokenClient(HttpClient.newHttpClient(), clock, new ObjectMapper());

    @AfterEach
    void stop() {
        transmitter.close();
    }

    @Test
    void tokenWithinItsLifetime_isReused() {
        String first = client.accessToken(source(), settings(TestTransmitter.CLIENT_SECRET));
        clock.advance(Duration.ofSeconds(254));
        String second = client.accessToken(source(), settings(TestTransmitter.CLIENT_SECRET));

        assertThat(second).isEqualTo(first);
        assertThat(transmitter.tokensIssued()).isEqualTo(1);
    }

    @Test
    void tokenCloseToExpiry_isRenewed() {
        String first = client.accessToken(source(), settings(TestTransmitter.CLIENT_SECRET));
        clock.advance(Duration.ofSeconds(255));

        assertThat(client.accessToken(source(), settings(TestTransmitter.CLIENT_SECRET))).isNotEqualTo(first);
        assertThat(transmitter.tokensIssued()).isEqualTo(2);
    }

    @Test
    void invalidatedToken_isReplacedOnNextUse() {
        String first = client.accessToken(source(), settings(TestTransmitter.CLIENT_SECRET));
        client.invalidate(source());

        assertThat(client.accessToken(source(), settings(TestTransmitter.CLIENT_SECRET))).isNotEqualTo(first);
    }

    @Test
    void wrongSecret_isSourceUnavailableNamingTheStatus_withoutTheSecret() {
        assertThatThrownBy(() -> client.accessToken(source(), settings("wrong-secret")))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("wrong-secret");
    }

    private Source source() {
        return new Source("t", transmitter.issuer(), "switchboard", URI.create(transmitter.issuer() + "/certs"),
                Optional.empty(), true, true);
    }

    private Source.PollSettings settings(String secret) {
        return new Source.PollSettings(URI.create(transmitter.pollUrl()), URI.create(transmitter.tokenUrl()),
                TestTransmitter.CLIENT_ID, secret, 100, Duration.ofSeconds(5));
    }
}
