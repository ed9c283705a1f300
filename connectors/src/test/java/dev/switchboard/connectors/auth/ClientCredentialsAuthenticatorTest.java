package dev.switchboard.connectors.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.connectors.fake.FakeHttpServer;
import dev.switchboard.connectors.fake.FakeHttpServer.Reply;
import dev.switchboard.testkit.time.MutableClock;
import dev.switchboard.connectors.scim.ScimException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientCredentialsAuthenticatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "s3cr3t&value";

    private final FakeHttpServer server = new FakeHttpServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final AtomicInteger issued = new AtomicInteger();

    @AfterEach
    void stop() {
        server.close();
    }

    private URI tokenUrl() {
        return server.uri("/realms/app/protocol/openid-connect/token");
    }

    private Reply token(int expiresIn) {
        return Reply.json(200, """
                {"access_token":"at-%d","token_type":"Bearer","expires_in":%d}""".formatted(issued.incrementAndGet(), expiresIn));
    }

    private Authenticator clientSecret() {
        return Authenticators.create(new ScimAuth.ClientSecret(tokenUrl(), "switchboard", SECRET, Optional.of("scim")),
                HTTP, Duration.ofSeconds(5), clock);
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void clientSecret_sendsBasicCredentialsAndGrant_andCachesToken() {
        server.otherwise(r -> token(300));
        Authenticator auth = clientSecret();

        Optional<String> first = auth.authorization();
        Optional<String> second = auth.authorization();

        assertThat(first).contains("Bearer at-1");
        assertThat(second).isEqualTo(first);
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            String expected = Base64.getEncoder().encodeToString(
                    "switchboard:s3cr3t%26value".getBytes(StandardCharsets.UTF_8));
            assertThat(r.header("Authorization")).isEqualTo("Basic " + expected);
            assertThat(form(r.body())).containsExactlyInAnyOrderEntriesOf(
                    Map.of("grant_type", "client_credentials", "scope", "scim"));
        });
    }

    @Test
    void token_isRefreshedShortlyBeforeExpiry_notBefore() {
        server.otherwise(r -> token(300));
        Authenticator auth = clientSecret();
        auth.authorization();

        clock.advance(Duration.ofSeconds(269));
        Optional<String> beforeMargin = auth.authorization();
        clock.advance(Duration.ofSeconds(1));
        Optional<String> atMargin = auth.authorization();

        assertThat(beforeMargin).contains("Bearer at-1");
        assertThat(atMargin).contains("Bearer at-2");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void tokenWithoutExpiresIn_isTrustedForAssumedLifetimeOnly() {
        server.otherwise(r -> Reply.json(200, """
                {"access_token":"at-%d","token_type":"bearer"}""".formatted(issued.incrementAndGet())));
        Authenticator auth = clientSecret();
        auth.authorization();

        clock.advance(AccessToken.ASSUMED_LIFETIME);

        assertThat(auth.authorization()).contains("Bearer at-2");
    }

    @Test
    void expiresInSentAsString_isHonoured() {
        server.otherwise(r -> Reply.json(200, """
                {"access_token":"at-%d","token_type":"Bearer","expires_in":"600"}""".formatted(issued.incrementAndGet())));
        Authenticator auth = clientSecret();
        auth.authorization();

        clock.advance(Duration.ofSeconds(569));

        assertThat(auth.authorization()).contains("Bearer at-1");
    }

    @Test
    void concurrentCallersWithoutToken_causeOneTokenRequest() throws Exception {
        int callers = 8;
        CountDownLatch allStarted = new CountDownLatch(callers);
        server.otherwise(r -> {
            try {
                allStarted.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return token(300);
        });
        Authenticator auth = clientSecret();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Optional<String>>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    allStarted.countDown();
                    return auth.authorization();
                }));
            }
            for (Future<Optional<String>> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).contains("Bearer at-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void invalidate_dropsRejectedTokenOnly() {
        server.otherwise(r -> token(300));
        Authenticator auth = clientSecret();
        String rejected = auth.authorization().orElseThrow();

        assertThat(auth.invalidate(rejected)).isTrue();
        String fresh = auth.authorization().orElseThrow();
        assertThat(auth.invalidate(rejected)).isTrue();

        assertThat(fresh).isEqualTo("Bearer at-2");
        assertThat(auth.authorization()).contains(fresh);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void tokenEndpointRejectsClient_isPermanentAndSecretFree() {
        server.otherwise(r -> Reply.json(401, """
                {"error":"invalid_client","error_description":"Invalid client secret s3cr3t&value"}"""));

        assertThatThrownBy(() -> clientSecret().authorization())
                .isInstanceOfSatisfying(ScimException.Permanent.class, e -> {
                    assertThat(e.getMessage()).contains("error=invalid_client").contains("status=401");
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
    }

    @Test
    void tokenEndpointUnavailable_isRetryable() {
        server.otherwise(r -> Reply.json(503, "{}").with("Retry-After", "4"));

        assertThatThrownBy(() -> clientSecret().authorization())
                .isInstanceOfSatisfying(ScimException.Retryable.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(4)));
    }

    @Test
    void tokenResponseWithoutAccessToken_isPermanent() {
        server.otherwise(r -> Reply.json(200, """
                {"token_type":"Bearer"}"""));

        assertThatThrownBy(() -> clientSecret().authorization()).isInstanceOf(ScimException.Permanent.class);
    }

    @Test
    void privateKeyJwt_rsa_signsAssertionForTokenUrlWithShortExpiryAndUniqueJti() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        server.otherwise(r -> token(300));
        AtomicInteger jti = new AtomicInteger();
        Authenticator auth = Authenticators.create(new ScimAuth.PrivateKeyJwt(tokenUrl(), "switchboard",
                        pem(keys), Optional.of("kid-1"), Optional.empty()),
                HTTP, Duration.ofSeconds(5), clock, () -> "jti-" + jti.incrementAndGet());

        auth.authorization();
        clock.advance(Duration.ofSeconds(300));
        auth.authorization();

        List<SignedJWT> assertions = new ArrayList<>();
        for (FakeHttpServer.Recorded request : server.requests()) {
            Map<String, String> form = form(request.body());
            assertThat(form).containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    .containsEntry("client_id", "switchboard").containsEntry("grant_type", "client_credentials");
            assertThat(request.header("Authorization")).isEmpty();
            assertions.add(SignedJWT.parse(form.get("client_assertion")));
        }
        SignedJWT first = assertions.get(0);
        assertThat(first.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
        assertThat(first.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(first.getHeader().getKeyID()).isEqualTo("kid-1");
        JWTClaimsSet claims = first.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("switchboard");
        assertThat(claims.getSubject()).isEqualTo("switchboard");
        assertThat(claims.getAudience()).containsExactly(tokenUrl().toString());
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(assertions).extracting(a -> a.getJWTClaimsSet().getJWTID()).containsExactly("jti-1", "jti-2");
    }

    @Test
    void privateKeyJwt_ecP256_signsWithEs256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        server.otherwise(r -> token(300));

        Authenticators.create(new ScimAuth.PrivateKeyJwt(tokenUrl(), "c", pem(keys), Optional.empty(), Optional.empty()),
                HTTP, Duration.ofSeconds(5), clock).authorization();

        SignedJWT assertion = SignedJWT.parse(form(server.requests().get(0).body()).get("client_assertion"));
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
    }

    @Test
    void privateKeyJwt_withTraditionalRsaPem_isRefusedAtCreation() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----";

        assertThatThrownBy(() -> Authenticators.create(new ScimAuth.PrivateKeyJwt(tokenUrl(), "c", pkcs1,
                Optional.empty(), Optional.empty()), HTTP, Duration.ofSeconds(5), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PKCS#8");
    }

    @Test
    void staticCredentials_formHeaders_andRefuseRepeatAfter401() {
        Authenticator basic = Authenticators.create(new ScimAuth.Basic("svc", "pw:1"), HTTP, Duration.ofSeconds(1), clock);
        Authenticator bearer = Authenticators.create(new ScimAuth.Bearer("abc"), HTTP, Duration.ofSeconds(1), clock);
        Authenticator none = Authenticators.create(new ScimAuth.None(), HTTP, Duration.ofSeconds(1), clock);

        assertThat(basic.authorization()).contains("Basic " + Base64.getEncoder()
                .encodeToString("svc:pw:1".getBytes(StandardCharsets.UTF_8)));
        assertThat(bearer.authorization()).contains("Bearer abc");
        assertThat(none.authorization()).isEmpty();
        assertThat(bearer.invalidate("Bearer abc")).isFalse();
    }

    @Test
    void toString_neverShowsSecrets() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pem = pem(keys);
        List<Object> values = List.of(
                new ScimAuth.Bearer("tok-secret"), new ScimAuth.Basic("u", "pw-secret"),
                new ScimAuth.ClientSecret(tokenUrl(), "c", SECRET, Optional.empty()),
                new ScimAuth.PrivateKeyJwt(tokenUrl(), "c", pem, Optional.empty(), Optional.empty()),
                Authenticators.create(new ScimAuth.Bearer("tok-secret"), HTTP, Duration.ofSeconds(1), clock),
                clientSecret(),
                Authenticators.create(new ScimAuth.PrivateKeyJwt(tokenUrl(), "c", pem, Optional.empty(), Optional.empty()),
                        HTTP, Duration.ofSeconds(1), clock));

        assertThat(values).allSatisfy(v -> assertThat(v.toString())
                .doesNotContain("tok-secret", "pw-secret", SECRET, "PRIVATE KEY", pem.substring(40, 80)));
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
