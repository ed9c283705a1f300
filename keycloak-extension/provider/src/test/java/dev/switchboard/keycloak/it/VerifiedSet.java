package dev.switchboard.keycloak.it;

import java.text.ParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

/** A SET from the poll answer whose signature has been checked against the realm's JWKS. */
record VerifiedSet(String jti, String token, JWSObject jws, JsonNode claims) {

    static VerifiedSet verify(String jti, String token, JWKSet jwks) {
        try {
            JWSObject jws = JWSObject.parse(token);
            JWK key = jwks.getKeyByKeyId(jws.getHeader().getKeyID());
            if (key == null) {
                throw new AssertionError("kid " + jws.getHeader().getKeyID() + " not in realm JWKS");
            }
            boolean valid = key instanceof RSAKey rsa
                    ? jws.verify(new RSASSAVerifier(rsa))
                    : jws.verify(new ECDSAVerifier((ECKey) key));
            if (!valid) {
                throw new AssertionError("signature of " + jti + " does not verify");
            }
            return new VerifiedSet(jti, token, jws, Http.JSON.readTree(jws.getPayload().toString()));
        } catch (ParseException | JOSEException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("unreadable SET " + jti, e);
        }
    }

    long seq() {
        return claims.get("seq").asLong();
    }

    String eventUri() {
        return claims.get("events").fieldNames().next();
    }

    JsonNode data() {
        return claims.get("events").get(eventUri()).get("data");
    }

    String subjectUri() {
        return claims.get("sub_id").get("uri").asText();
    }
}
