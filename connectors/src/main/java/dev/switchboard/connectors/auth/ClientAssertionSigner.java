package dev.switchboard.connectors.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signs RFC 7523 client assertions: {@code iss} = {@code sub} = client id, {@code aud} = token URL,
 * a short {@code exp} and a unique {@code jti}, so a captured assertion is useless elsewhere and soon.
 */
final class ClientAssertionSigner {

    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final String clientId;
    private final URI tokenUrl;
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final Optional<String> keyId;
    private final Clock clock;
    private final Supplier<String> jtiSource;

    ClientAssertionSigner(String clientId, URI tokenUrl, PrivateKey key, Optional<String> keyId, Clock clock,
                          Supplier<String> jtiSource) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jtiSource = Objects.requireNonNull(jtiSource, "jtiSource");
        if (key instanceof ECPrivateKey ec) {
            this.algorithm = switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 256 -> JWSAlgorithm.ES256;
                case 384 -> JWSAlgorithm.ES384;
                case 521 -> JWSAlgorithm.ES512;
                default -> throw new IllegalArgumentException("unsupported EC curve for private_key_jwt");
            };
            this.signer = ecSigner(ec);
        } else if ("RSA".equals(key.getAlgorithm())) {
            this.algorithm = JWSAlgorithm.RS256;
            this.signer = new RSASSASigner(key);
        } else {
            throw new IllegalArgumentException("private_key_jwt needs an RSA or EC key, got " + key.getAlgorithm());
        }
    }

    private static JWSSigner ecSigner(ECPrivateKey key) {
        try {
            return new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable EC key for private_key_jwt", e);
        }
    }

    /** Reads a PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) holding an RSA or EC key. */
    static PrivateKey parsePem(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY") || base64.isEmpty()) {
            throw new IllegalArgumentException("private key must be an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY)");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("private key PEM is not valid base64");
        }
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm; the next one may fit, and the loop ends in a clear error
            }
        }
        throw new IllegalArgumentException("private key is neither an RSA nor an EC PKCS#8 key");
    }

    String clientId() {
        return clientId;
    }

    JWSAlgorithm algorithm() {
        return algorithm;
    }

    String sign() {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(tokenUrl.toString())
                .jwtID(jtiSource.get())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT);
        keyId.ifPresent(header::keyID);
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign client assertion for client_id=" + clientId, e);
        }
        return jwt.serialize();
    }

    @Override
    public String toString() {
        return "ClientAssertionSigner[clientId=" + clientId + ", alg=" + algorithm + ", key=***]";
    }
}
