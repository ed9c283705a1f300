package dev.switchboard.gateway.intake;

import dev.switchboard.gateway.source.JwksCache;
import dev.switchboard.gateway.source.Source;
import dev.switchboard.gateway.source.SourceRegistry;
import dev.switchboard.gateway.testing.TestTransmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testkit.time.MutableClock;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time and issuer boundaries of {@link SetVerifier}, with a fixed clock and the test
 * transmitter's real JWKS (the HTTP paths are covered by the push and poll tests).
 */
class SetVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofDays(7);
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final TestTransmitter transmitter = TestTransmitter.start("verify", Duration.ofMillis(10));
    private final TestTransmitter other = TestTransmitter.start("other", Duration.ofMillis(10));
    private final Source source = source("s", transmitter);
    private final Source otherSource = source("o", other);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SetVerifier verifier = new SetVerifier(new SourceRegistry(List.of(source, otherSource)),
            new JwksCache(java.net.http.HttpClient.newHttpClient(), clock, Duration.ofSeconds(30), Duration.ofHours(1)),
            clock, MAX_AGE, SKEW);

    @AfterEach
    void stop() {
        transmitter.close();
        other.close();
    }

    @Test
    void iatAtTheFutureSkewEdge_isAccepted() {
        assertThat(verifyAt(NOW.plus(SKEW))).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void iatOneSecondBeyondTheFutureSkew_isRefused() {
        assertThat(refusal(verifyAt(NOW.plus(SKEW).plusSeconds(1))).description()).contains("is in the future");
    }

    @Test
    void iatAtTheMaxAgeEdgeIncludingSkew_isAccepted() {
        assertThat(verifyAt(NOW.minus(MAX_AGE).minus(SKEW))).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void iatOneSecondOlderThanMaxAgeAndSkew_isRefused() {
        SetError error = refusal(verifyAt(NOW.minus(MAX_AGE).minus(SKEW).minusSeconds(1)));
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(error.description()).contains("is older than");
    }

    @Test
    void polledSetIssuedByAnotherConfiguredSource_isRefusedAsInvalidIssuer() {
        String token = other.user("u1").issuedAt(NOW).sign().token();

        SetError error = refusal(verifier.verifyPolled(source, token));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ISSUER);
        assertThat(error.description()).contains("is not the issuer of polled source 's'");
    }

    @Test
    void verifiedSet_carriesSubjectSeqEventTypeAndTokenAsReceived() {
        TestTransmitter.SignedSet set = transmitter.user("u7").created().seq(42).issuedAt(NOW).sign();

        VerifiedSet verified = ((Verification.Verified) verifier.verifyPolled(source, set.token())).set();

        assertThat(verified.jti()).isEqualTo(set.jti());
        assertThat(verified.seq()).isEqualTo(42);
        assertThat(verified.subject().sourceId()).isEqualTo("s");
        assertThat(verified.subject().subjectId()).isEqualTo("u7");
        assertThat(verified.eventType()).isEqualTo(EventType.CREATE_FULL);
        assertThat(verified.issuedAt()).isEqualTo(NOW);
        assertThat(verified.token()).isEqualTo(set.token());
    }

    @Test
    void audienceAsArrayContainingOurs_isAccepted() {
        String token = transmitter.user("u1").issuedAt(NOW).audience(List.of("other", "switchboard")).sign().token();

        assertThat(verifier.verifyPushed(token)).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void zeroSeq_isRefused() {
        String token = transmitter.user("u1").issuedAt(NOW).seq(0).sign().token();

        assertThat(refusal(verifier.verifyPushed(token)).description()).contains("seq must be a positive integer");
    }

    @Test
    void twoEventsInOneSet_isRefused() {
        String token = transmitter.user("u1").issuedAt(NOW)
                .extraEvent("urn:ietf:params:scim:event:prov:delete").sign().token();

        assertThat(refusal(verifier.verifyPushed(token)).description())
                .isEqualTo("events must hold exactly one event, found 2");
    }

    @Test
    void claimNamedTwice_isRefusedBeforeAnythingInThePayloadIsUsed() {
        String[] parts = transmitter.user("u1").issuedAt(NOW).sign().token().split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"" + transmitter.issuer() + "\",\"iss\":\"https://elsewhere.example\"}")
                        .getBytes(StandardCharsets.UTF_8));

        SetError error = refusal(verifier.verifyPushed(parts[0] + "." + payload + "." + parts[2]));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(error.description()).startsWith("payload is not a JSON object").contains("Duplicate field 'iss'");
    }

    @Test
    void payloadThatIsNotBase64url_isRefused() {
        String[] parts = transmitter.user("u1").issuedAt(NOW).sign().token().split("\\.");

        assertThat(refusal(verifier.verifyPushed(parts[0] + ".not*base64." + parts[2])).description())
                .startsWith("payload is not base64url");
    }

    @Test
    void afterTheSigningKeyIsRotatedAndTheOldDropped_newSetsVerifyAndOnesSignedWithTheOldKeyDoNot() {
        MutableClock moving = new MutableClock(NOW);
        SetVerifier rotating = new SetVerifier(new SourceRegistry(List.of(source)),
                new JwksCache(java.net.http.HttpClient.newHttpClient(), moving, Duration.ofSeconds(30), Duration.ofHours(1)),
                moving, MAX_AGE, SKEW);
        String signedWithOldKey = transmitter.user("u1").issuedAt(NOW).sign().token();
        assertThat(rotating.verifyPushed(signedWithOldKey)).isInstanceOf(Verification.Verified.class);

        transmitter.rotateKey(true);
        moving.advance(Duration.ofSeconds(31));

        assertThat(rotating.verifyPushed(transmitter.user("u2").issuedAt(NOW).sign().token()))
                .isInstanceOf(Verification.Verified.class);
        assertThat(refusal(rotating.verifyPushed(signedWithOldKey)).code()).isEqualTo(ErrorCode.INVALID_KEY);
        assertThat(rotating.verifyPushed(transmitter.user("u3").issuedAt(NOW).sign().token()))
                .as("the new key's verifier, now cached").isInstanceOf(Verification.Verified.class);
    }

    private Verification verifyAt(Instant iat) {
        return verifier.verifyPushed(transmitter.user("u1").issuedAt(iat).sign().token());
    }

    private static SetError refusal(Verification verification) {
        assertThat(verification).isInstanceOf(Verification.Refused.class);
        return ((Verification.Refused) verification).error();
    }

    private static Source source(String name, TestTransmitter t) {
        return new Source(name, t.issuer(), "switchboard", URI.create(t.issuer() + "/protocol/openid-connect/certs"),
                Optional.empty(), true, true);
    }
}
