package dev.switchboard.gateway.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.switchboard.gateway.source.JwksCache;
import dev.switchboard.gateway.source.Source;
import dev.switchboard.gateway.source.SourceRegistry;
import dev.switchboard.gateway.source.SourceUnavailableException;
import dev.switchboard.gateway.subject.Snapshot;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a Security Event Token is one the gateway will store, in the order of
 * docs/event-contract.md §5. Cheap structural checks come before the JWKS lookup, and nothing
 * from the payload is trusted before the signature is verified, except {@code iss}, which only
 * selects the keys to verify with.
 */
@ApplicationScoped
public class SetVerifier {

    static final Set<String> ACCEPTED_TYP = Set.of("secevent+jwt", "application/secevent+jwt");
    private static final Pattern SUBJECT_URI = Pattern.compile("^(/Users/|/Groups/)([^/]{1,100})$");
    private static final int MAX_JTI_LENGTH = 255;
    /** Claims are read with a parser that refuses a repeated member name (RFC 7519 §4). */
    private static final ObjectMapper CLAIMS = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };
    /** Verifiers outlive a key's rotation by at most this many other keys; then all are rebuilt. */
    private static final int MAX_CACHED_VERIFIERS = 64;
    private static final int MAX_CACHED_HEADERS = 256;

    private final SourceRegistry sources;
    private final JwksCache jwks;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration clockSkew;
    /**
     * One verifier per JWKS key: building one converts the JWK into a JCA public key, which cost
     * as much as a third of an RS256 verification when it was done for every SET.
     */
    private final Map<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();
    /**
     * Parsed headers by their encoded form: a source signs every SET with the same few headers
     * (alg, kid, typ), so each distinct one is parsed once. Headers are immutable.
     */
    private final Map<String, Header> headers = new ConcurrentHashMap<>();

    @Inject
    SetVerifier(SourceRegistry sources, JwksCache jwks, Clock clock, IntakeConfig config) {
        this(sources, jwks, clock, config.maxAge(), config.clockSkew());
    }

    SetVerifier(SourceRegistry sources, JwksCache jwks, Clock clock, Duration maxAge, Duration clockSkew) {
        this.sources = sources;
        this.jwks = jwks;
        this.clock = clock;
        this.maxAge = maxAge;
        this.clockSkew = clockSkew;
    }

    /**
     * Verifies a SET that came back from polling {@code source}; it must also have been issued by it.
     *
     * @throws SourceUnavailableException when the source's JWKS cannot be fetched (retry later;
     *                                    the SET itself was not judged)
     */
    public Verification verifyPolled(Source source, String token) {
        return verify(token, issuer -> {
            if (!issuer.equals(source.issuer())) {
                throw new RefusalException(ErrorCode.INVALID_ISSUER,
                        "iss '%s' is not the issuer of polled source '%s'".formatted(issuer, source.name()));
            }
            return source;
        });
    }

    /**
     * Verifies a pushed SET: its issuer must be a configured, enabled source that allows push.
     *
     * @throws SourceUnavailableException when the source's JWKS cannot be fetched
     */
    public Verification verifyPushed(String token) {
        return verify(token, issuer -> {
            Source source = sources.byIssuer(issuer).orElseThrow(() -> new RefusalException(
                    ErrorCode.INVALID_ISSUER, "iss '%s' is not a configured source".formatted(issuer)));
            if (!source.enabled() || !source.pushEnabled()) {
                throw new RefusalException(ErrorCode.ACCESS_DENIED,
                        "source '%s' may not push".formatted(source.name()));
            }
            return source;
        });
    }

    private interface IssuerPolicy {
        Source sourceFor(String issuer);
    }

    private Verification verify(String token, IssuerPolicy issuerPolicy) {
        String sourceName = "unknown";
        try {
            CompactJws jws = parseJws(token);
            JWTClaimsSet claims = claims(jws.payload());
            String issuer = claims.getIssuer();
            if (issuer == null) {
                throw RefusalException.invalidRequest("iss is missing");
            }
            Source source = issuerPolicy.sourceFor(issuer);
            sourceName = source.name();
            verifySignature(source, jws);
            return new Verification.Verified(verifiedClaims(source, claims, token));
        } catch (RefusalException e) {
            return new Verification.Refused(sourceName, e.error());
        }
    }

    /**
     * A compact JWS taken apart once: the header parsed, the payload decoded and parsed as JSON, the
     * signing input kept for the signature check. (Nimbus's {@code JWSObject} parsed the header
     * twice and decoded the payload with a constant-time Base64 codec meant for key material: a
     * quarter of intake's CPU.)
     */
    private record CompactJws(JWSHeader header, Map<String, Object> payload, byte[] signingInput, Base64URL signature) {
    }

    private Header header(String encoded) throws ParseException {
        Header known = headers.get(encoded);
        if (known != null) {
            return known;
        }
        Header parsed = Header.parse(new Base64URL(encoded));
        if (headers.size() >= MAX_CACHED_HEADERS) {
            headers.clear();
        }
        headers.put(encoded, parsed);
        return parsed;
    }

    private CompactJws parseJws(String token) {
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw RefusalException.invalidRequest("not a compact JWS (expected 3 dot-separated parts, got %d)"
                    .formatted(parts.length));
        }
        Header header;
        try {
            header = header(parts[0]);
        } catch (ParseException e) {
            throw RefusalException.invalidRequest("JOSE header is not valid: " + e.getMessage());
        }
        if (header instanceof PlainHeader) {
            throw new RefusalException(ErrorCode.INVALID_KEY, "alg 'none' is refused: SETs must be signed");
        }
        if (header instanceof JWEHeader) {
            throw RefusalException.invalidRequest("encrypted SETs are not supported");
        }
        JWSHeader jwsHeader = (JWSHeader) header;
        JWSAlgorithm alg = jwsHeader.getAlgorithm();
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            throw new RefusalException(ErrorCode.INVALID_KEY,
                    "alg '%s' is refused: only asymmetric signatures are accepted".formatted(alg));
        }
        if (!JWSAlgorithm.Family.RSA.contains(alg) && !JWSAlgorithm.Family.EC.contains(alg)) {
            throw new RefusalException(ErrorCode.INVALID_KEY, "alg '%s' is not supported".formatted(alg));
        }
        JOSEObjectType typ = jwsHeader.getType();
        if (typ == null || !ACCEPTED_TYP.contains(typ.getType().toLowerCase())) {
            throw RefusalException.invalidRequest("header typ must be 'secevent+jwt', was '%s'"
                    .formatted(typ == null ? "" : typ.getType()));
        }
        if (parts[2].isEmpty()) {
            throw RefusalException.invalidRequest("not a compact JWS: the signature is empty");
        }
        return new CompactJws(jwsHeader, payload(parts[1]),
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), new Base64URL(parts[2]));
    }

    private static Map<String, Object> payload(String encoded) {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw RefusalException.invalidRequest("payload is not base64url: " + e.getMessage());
        }
        try {
            Map<String, Object> claims = CLAIMS.readValue(json, JSON_OBJECT);
            if (claims == null) {
                throw RefusalException.invalidRequest("payload is not a JSON object");
            }
            return claims;
        } catch (IOException e) {
            throw RefusalException.invalidRequest("payload is not a JSON object: " + e.getMessage());
        }
    }

    private static JWTClaimsSet claims(Map<String, Object> json) {
        try {
            return JWTClaimsSet.parse(json);
        } catch (ParseException e) {
            throw RefusalException.invalidRequest("payload claims are not valid: " + e.getMessage());
        }
    }

    private void verifySignature(Source source, CompactJws jws) {
        String kid = jws.header().getKeyID();
        if (kid == null) {
            throw new RefusalException(ErrorCode.INVALID_KEY, "header has no kid");
        }
        JWK key = jwks.key(source, kid).orElseThrow(() -> new RefusalException(ErrorCode.INVALID_KEY,
                "no key '%s' in the JWKS of %s".formatted(kid, source.issuer())));
        if (KeyUse.ENCRYPTION.equals(key.getKeyUse())) {
            throw new RefusalException(ErrorCode.INVALID_KEY, "key '%s' is an encryption key".formatted(kid));
        }
        JWSAlgorithm alg = jws.header().getAlgorithm();
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
            throw new RefusalException(ErrorCode.INVALID_KEY,
                    "key '%s' is for alg '%s', the SET uses '%s'".formatted(kid, key.getAlgorithm(), alg));
        }
        boolean fits = key instanceof RSAKey && JWSAlgorithm.Family.RSA.contains(alg)
                || key instanceof ECKey && JWSAlgorithm.Family.EC.contains(alg);
        if (!fits) {
            throw new RefusalException(ErrorCode.INVALID_KEY,
                    "key '%s' of type %s cannot verify alg '%s'".formatted(kid, key.getKeyType(), alg));
        }
        try {
            if (!verifier(key).verify(jws.header(), jws.signingInput(), jws.signature())) {
                throw new RefusalException(ErrorCode.INVALID_KEY,
                        "signature does not verify with key '%s'".formatted(kid));
            }
        } catch (JOSEException e) {
            throw new RefusalException(ErrorCode.INVALID_KEY,
                    "signature cannot be checked with key '%s': %s".formatted(kid, e.getMessage()));
        }
    }

    /** Nimbus's RSA and EC verifiers are thread-safe, so one per key serves every intake thread. */
    private JWSVerifier verifier(JWK key) throws JOSEException {
        JWSVerifier cached = verifiers.get(key);
        if (cached != null) {
            return cached;
        }
        JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
        if (verifiers.size() >= MAX_CACHED_VERIFIERS) {
            verifiers.clear();
        }
        verifiers.put(key, verifier);
        return verifier;
    }

    private VerifiedSet verifiedClaims(Source source, JWTClaimsSet claims, String token) {
        List<String> audience = claims.getAudience();
        if (!audience.contains(source.audience())) {
            throw new RefusalException(ErrorCode.INVALID_AUDIENCE,
                    "aud %s does not contain '%s'".formatted(audience, source.audience()));
        }
        Instant issuedAt = issuedAt(claims);
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
            throw RefusalException.invalidRequest("jti must be a non-empty string of at most %d characters"
                    .formatted(MAX_JTI_LENGTH));
        }
        long seq = sequence(claims);
        Map<String, Object> events = jsonObjectClaim(claims, "events");
        if (events.size() != 1) {
            throw RefusalException.invalidRequest("events must hold exactly one event, found %d".formatted(events.size()));
        }
        String eventUri = events.keySet().iterator().next();
        EventType eventType = EventType.fromUri(eventUri).orElseThrow(
                () -> RefusalException.invalidRequest("event type '%s' is not supported".formatted(eventUri)));
        Map<String, Object> event = SnapshotParser.optionalObject(events, eventUri, "events")
                .orElseThrow(() -> RefusalException.invalidRequest("events.%s must be an object".formatted(eventUri)));
        Map<String, Object> data = SnapshotParser.requiredObject(event, "data", "events." + eventUri);
        SubjectKey subject = subject(source, jsonObjectClaim(claims, "sub_id"));
        Snapshot snapshot = SnapshotParser.parse(eventType, subject.type(), subject.subjectId(), data);
        return new VerifiedSet(jti, seq, subject, eventType, issuedAt, snapshot, token.strip());
    }

    private Instant issuedAt(JWTClaimsSet claims) {
        Date iat = claims.getIssueTime();
        if (iat == null) {
            throw RefusalException.invalidRequest("iat is missing");
        }
        Instant issuedAt = iat.toInstant();
        Instant now = clock.instant();
        if (issuedAt.isAfter(now.plus(clockSkew))) {
            throw RefusalException.invalidRequest("iat %s is in the future (now %s, skew %s)"
                    .formatted(issuedAt, now, clockSkew));
        }
        if (issuedAt.isBefore(now.minus(maxAge).minus(clockSkew))) {
            throw RefusalException.invalidRequest("iat %s is older than the accepted %s".formatted(issuedAt, maxAge));
        }
        return issuedAt;
    }

    private static long sequence(JWTClaimsSet claims) {
        Object seq = claims.getClaim("seq");
        if (seq == null) {
            throw RefusalException.invalidRequest("seq is missing");
        }
        if (!(seq instanceof Long || seq instanceof Integer) || ((Number) seq).longValue() < 1) {
            throw RefusalException.invalidRequest("seq must be a positive integer, was " + seq);
        }
        return ((Number) seq).longValue();
    }

    private static SubjectKey subject(Source source, Map<String, Object> subId) {
        String format = SnapshotParser.requiredString(subId, "format", "sub_id");
        if (!"scim".equals(format)) {
            throw RefusalException.invalidRequest("sub_id.format must be 'scim', was '%s'".formatted(format));
        }
        String uri = SnapshotParser.requiredString(subId, "uri", "sub_id");
        Matcher m = SUBJECT_URI.matcher(uri);
        if (!m.matches()) {
            throw RefusalException.invalidRequest(
                    "sub_id.uri '%s' is not /Users/{id} or /Groups/{id}: unknown subject type".formatted(uri));
        }
        SubjectType type = m.group(1).equals(SubjectType.USER.uriPrefix()) ? SubjectType.USER : SubjectType.GROUP;
        return new SubjectKey(source.name(), type, m.group(2));
    }

    private static Map<String, Object> jsonObjectClaim(JWTClaimsSet claims, String name) {
        try {
            Map<String, Object> value = claims.getJSONObjectClaim(name);
            if (value == null) {
                throw RefusalException.invalidRequest(name + " is missing");
            }
            return value;
        } catch (ParseException e) {
            throw RefusalException.invalidRequest(name + " must be a JSON object");
        }
    }
}
