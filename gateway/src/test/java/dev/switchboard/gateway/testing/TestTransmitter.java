package dev.switchboard.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the Keycloak extension's transmitter, for gateway tests and benchmarks: a JDK
 * HttpServer on loopback serving, under {@code /realms/{realm}} like Keycloak,
 * <ul>
 *   <li>{@code /protocol/openid-connect/certs}: the JWKS of its RSA signing keys,</li>
 *   <li>{@code /protocol/openid-connect/token}: OAuth 2.0 client credentials,</li>
 *   <li>{@code /switchboard/poll}: RFC 8936 poll over an in-memory queue of SETs it signed.</li>
 * </ul>
 * It records every {@code ack} and {@code setErrs} it receives, can rotate its key, and can be told
 * to fail (5xx or garbage) until {@link #recover()}. SETs are built with {@link #user(String)} /
 * {@link #group(String)}; each builder method changes one thing, for negative tests.
 */
public final class TestTransmitter implements AutoCloseable {

    public static final String CLIENT_ID = "switchboard-gateway";
    public static final String CLIENT_SECRET = "test-secret";
    public static final String USER_EXTENSION = "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:User";
    public static final String GROUP_EXTENSION = "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:Group";

    /** How the poll endpoint misbehaves while failing. */
    public enum Failure {
        /** 503 with a text body. */
        SERVER_ERROR,
        /** 200 with an HTML body. */
        GARBAGE
    }

    /** A signed SET as the transmitter queued or handed it out. */
    public record SignedSet(String jti, long seq, String token) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realm;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong sequence = new AtomicLong();
    private final Duration longPollWait;

    // guarded by this
    private RSAKey signingKey;
    private final List<RSAKey> publishedKeys = new ArrayList<>();
    private final LinkedHashMap<String, String> queue = new LinkedHashMap<>();
    private final List<String> acks = new ArrayList<>();
    private final Map<String, JsonNode> setErrs = new LinkedHashMap<>();
    private final Set<String> issuedTokens = new HashSet<>();
    private Failure failure;
    private int polls;
    private int jwksFetches;
    private boolean closed;

    private TestTransmitter(String realm, Duration longPollWait) throws IOException {
        this.realm = realm;
        this.longPollWait = longPollWait;
        this.signingKey = newKey();
        this.publishedKeys.add(signingKey);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-transmitter-" + realm);
            t.setDaemon(true);
            return t;
        });
        String base = "/realms/" + realm;
        server.createContext(base + "/protocol/openid-connect/certs", this::jwks);
        server.createContext(base + "/protocol/openid-connect/token", this::token);
        server.createContext(base + "/switchboard/poll", this::poll);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a transmitter for {@code realm} on a free loopback port; long polls wait up to {@code longPollWait}. */
    public static TestTransmitter start(String realm, Duration longPollWait) {
        try {
            return new TestTransmitter(realm, longPollWait);
        } catch (IOException e) {
            throw new UncheckedIOException("test transmitter could not bind", e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:%d/realms/%s".formatted(server.getAddress().getPort(), realm);
    }

    public String pollUrl() {
        return issuer() + "/switchboard/poll";
    }

    public String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** The gateway configuration for this transmitter as source {@code name}, polled or push-only. */
    public Map<String, String> sourceConfig(String name, boolean polled) {
        Map<String, String> config = new LinkedHashMap<>();
        String prefix = "switchboard.sources." + name + ".";
        config.put(prefix + "issuer", issuer());
        if (polled) {
            config.put(prefix + "poll-url", pollUrl());
            config.put(prefix + "token-url", tokenUrl());
            config.put(prefix + "client-id", CLIENT_ID);
            config.put(prefix + "client-secret", CLIENT_SECRET);
        }
        return config;
    }

    // ---- building and queueing SETs

    public SetBuilder user(String id) {
        return new SetBuilder("/Users/" + id, defaultUserData(id, "user-" + id));
    }

    public SetBuilder group(String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group", GROUP_EXTENSION));
        data.put("id", id);
        data.put("displayName", "group-" + id);
        data.put(GROUP_EXTENSION, Map.of("realm", realm, "path", "/group-" + id));
        return new SetBuilder("/Groups/" + id, data);
    }

    /** Puts SETs in the poll queue, in the order given. */
    public synchronized void enqueue(SignedSet... sets) {
        for (SignedSet set : sets) {
            queue.put(set.jti(), set.token());
        }
        notifyAll();
    }

    /** Makes a new key the signing key; the old one stays in the JWKS unless {@code dropOld}. */
    public synchronized String rotateKey(boolean dropOld) {
        signingKey = newKey();
        if (dropOld) {
            publishedKeys.clear();
        }
        publishedKeys.add(signingKey);
        return signingKey.getKeyID();
    }

    public synchronized String currentKid() {
        return signingKey.getKeyID();
    }

    public synchronized void failWith(Failure failure) {
        this.failure = failure;
    }

    public synchronized void recover() {
        this.failure = null;
    }

    public synchronized List<String> acks() {
        return List.copyOf(acks);
    }

    /** jti → the {@code {"err","description"}} object the receiver reported. */
    public synchronized Map<String, JsonNode> setErrs() {
        return Map.copyOf(setErrs);
    }

    public synchronized int polls() {
        return polls;
    }

    public synchronized int tokensIssued() {
        return issuedTokens.size();
    }

    public synchronized int jwksFetches() {
        return jwksFetches;
    }

    public synchronized int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- HTTP endpoints

    private void jwks(HttpExchange exchange) throws IOException {
        String body;
        synchronized (this) {
            jwksFetches++;
            body = new JWKSet(publishedKeys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
                    .toString(true);
        }
        respond(exchange, 200, "application/json", body);
    }

    private void token(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!expected.equals(auth) || !form.contains("grant_type=client_credentials")) {
            respond(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = UUID.randomUUID().toString();
        synchronized (this) {
            issuedTokens.add(token);
        }
        respond(exchange, 200, "application/json",
                "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":300}".formatted(token));
    }

    private void poll(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> batch = new LinkedHashMap<>();
        boolean more;
        synchronized (this) {
            polls++;
            if (failure == Failure.SERVER_ERROR) {
                respond(exchange, 503, "text/plain", "transmitter is down");
                return;
            }
            if (failure == Failure.GARBAGE) {
                respond(exchange, 200, "text/html", "<html>not what you expected</html>");
                return;
            }
            if (auth == null || !auth.startsWith("Bearer ") || !issuedTokens.contains(auth.substring(7))) {
                respond(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}");
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                respond(exchange, 400, "application/json",
                        "{\"err\":\"invalid_request\",\"description\":\"body is not JSON\"}");
                return;
            }
            request.path("ack").forEach(jti -> {
                acks.add(jti.asText());
                queue.remove(jti.asText());
            });
            request.path("setErrs").fields().forEachRemaining(e -> {
                setErrs.put(e.getKey(), e.getValue());
                queue.remove(e.getKey());
            });
            int max = request.path("maxEvents").asInt(100);
            boolean immediately = request.path("returnImmediately").asBoolean(false);
            long deadline = System.nanoTime() + longPollWait.toNanos();
            while (queue.isEmpty() && !immediately && !closed && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            queue.entrySet().stream().limit(max).forEach(e -> batch.put(e.getKey(), e.getValue()));
            more = queue.size() > batch.size();
        }
        Map<String, Object> response = Map.of("sets", batch, "moreAvailable", more);
        respond(exchange, 200, "application/json", JSON.writeValueAsString(response));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID("k-" + UUID.randomUUID().toString().substring(0, 8))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    private Map<String, Object> defaultUserData(String id, String username) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("realm", realm);
        ext.put("emailVerified", true);
        ext.put("attributes", Map.of("department", List.of("Research")));
        ext.put("groups", List.of(Map.of("id", "g-1", "name", "engineering", "path", "/staff/engineering")));
        ext.put("federatedIdentities", List.of(
                Map.of("identityProvider", "corp-saml", "userId", username + "@corp", "userName", username)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User", USER_EXTENSION));
        data.put("id", id);
        data.put("userName", username);
        data.put("name", Map.of("givenName", "Given", "familyName", "Family"));
        data.put("emails", List.of(Map.of("value", username + "@example.com", "primary", true)));
        data.put("active", true);
        data.put(USER_EXTENSION, ext);
        return data;
    }

    /** One SET under construction; defaults follow docs/event-contract.md, each method changes one thing. */
    public final class SetBuilder {

        private final Map<String, Object> claims = new LinkedHashMap<>();
        private final Map<String, Object> data;
        private String eventUri = "urn:ietf:params:scim:event:prov:put:full";
        private String typ = "secevent+jwt";
        private Signing signing = Signing.CURRENT_KEY;
        private String rawPayload;
        private String extraEventUri;

        private enum Signing { CURRENT_KEY, FOREIGN_KEY_SAME_KID, UNKNOWN_KID, HS256, NONE }

        private SetBuilder(String subjectUri, Map<String, Object> data) {
            this.data = data;
            claims.put("iss", TestTransmitter.this.issuer());
            claims.put("aud", "switchboard");
            claims.put("iat", Instant.now().getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("seq", sequence.incrementAndGet());
            claims.put("sub_id", Map.of("format", "scim", "uri", subjectUri));
        }

        public SetBuilder seq(long seq) {
            claims.put("seq", seq);
            return this;
        }

        public SetBuilder withoutSeq() {
            claims.remove("seq");
            return this;
        }

        public SetBuilder jti(String jti) {
            claims.put("jti", jti);
            return this;
        }

        public SetBuilder audience(Object audience) {
            claims.put("aud", audience);
            return this;
        }

        public SetBuilder issuer(String issuer) {
            claims.put("iss", issuer);
            return this;
        }

        public SetBuilder issuedAt(Instant iat) {
            claims.put("iat", iat.getEpochSecond());
            return this;
        }

        public SetBuilder subjectUri(String uri) {
            claims.put("sub_id", Map.of("format", "scim", "uri", uri));
            return this;
        }

        public SetBuilder created() {
            eventUri = "urn:ietf:params:scim:event:prov:create:full";
            return this;
        }

        /** A delete event; the data becomes the tombstone (id, names, realm). */
        public SetBuilder deleted() {
            eventUri = "urn:ietf:params:scim:event:prov:delete";
            data.keySet().retainAll(Set.of("id", "userName", "displayName", "emails", USER_EXTENSION, GROUP_EXTENSION));
            return this;
        }

        public SetBuilder username(String username) {
            data.put("userName", username);
            return this;
        }

        public SetBuilder active(boolean active) {
            data.put("active", active);
            return this;
        }

        public SetBuilder dataField(String name, Object value) {
            data.put(name, value);
            return this;
        }

        public SetBuilder typ(String typ) {
            this.typ = typ;
            return this;
        }

        /** Signed by a key the JWKS does not hold, under the current key's kid: the signature fails. */
        public SetBuilder signedWithForeignKey() {
            signing = Signing.FOREIGN_KEY_SAME_KID;
            return this;
        }

        /** Signed by a key whose kid the JWKS does not list. */
        public SetBuilder signedWithUnknownKid() {
            signing = Signing.UNKNOWN_KID;
            return this;
        }

        public SetBuilder hs256() {
            signing = Signing.HS256;
            return this;
        }

        public SetBuilder algNone() {
            signing = Signing.NONE;
            return this;
        }

        /** Adds a second event (same data) next to the main one. */
        public SetBuilder extraEvent(String uri) {
            this.extraEventUri = uri;
            return this;
        }

        /** A correctly signed JWS whose payload is this text instead of the claims. */
        public SetBuilder rawPayload(String payload) {
            this.rawPayload = payload;
            return this;
        }

        public SignedSet sign() {
            Map<String, Object> all = new LinkedHashMap<>(claims);
            Map<String, Object> events = new LinkedHashMap<>();
            events.put(eventUri, Map.of("data", data));
            if (extraEventUri != null) {
                events.put(extraEventUri, Map.of("data", data));
            }
            all.put("events", events);
            String payload;
            try {
                payload = rawPayload != null ? rawPayload : JSON.writeValueAsString(all);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String jti = String.valueOf(claims.get("jti"));
            long seq = claims.get("seq") instanceof Number n ? n.longValue() : 0;
            return new SignedSet(jti, seq, compact(payload));
        }

        private String compact(String payload) {
            try {
                RSAKey key;
                synchronized (TestTransmitter.this) {
                    key = signingKey;
                }
                JOSEObjectType type = new JOSEObjectType(typ);
                switch (signing) {
                    case NONE -> {
                        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"%s\"}".formatted(typ)).toString();
                        return header + "." + Base64URL.encode(payload) + ".";
                    }
                    case HS256 -> {
                        byte[] secret = new byte[32];
                        new SecureRandom().nextBytes(secret);
                        return sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(type).keyID(key.getKeyID()).build(),
                                payload, new MACSigner(secret));
                    }
                    case FOREIGN_KEY_SAME_KID -> {
                        return sign(header(type, key.getKeyID()), payload, new RSASSASigner(newKey()));
                    }
                    case UNKNOWN_KID -> {
                        RSAKey other = newKey();
                        return sign(header(type, other.getKeyID()), payload, new RSASSASigner(other));
                    }
                    default -> {
                        return sign(header(type, key.getKeyID()), payload, new RSASSASigner(key));
                    }
                }
            } catch (JOSEException e) {
                throw new IllegalStateException("signing failed", e);
            }
        }

        private JWSHeader header(JOSEObjectType type, String kid) {
            return new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).keyID(kid).build();
        }

        private String sign(JWSHeader header, String payload, JWSSigner signer) throws JOSEException {
            JWSObject jws = new JWSObject(header, new Payload(payload));
            jws.sign(signer);
            return jws.serialize();
        }
    }
}
