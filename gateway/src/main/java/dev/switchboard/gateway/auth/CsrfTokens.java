package dev.switchboard.gateway.auth;

import dev.switchboard.gateway.secrets.SecretKeySource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * CSRF tokens bound to a sign-in session: an HMAC of the session's identity, so nothing is stored
 * and every replica computes the same token. The key is derived from the secrets key, which
 * replicas already share; a page on another site cannot read the token, so it cannot forge a
 * state-changing request that the browser would send with the session cookie.
 */
@ApplicationScoped
public class CsrfTokens {

    private final byte[] key;

    @Inject
    CsrfTokens(@ConfigProperty(name = "switchboard.secrets.key") Optional<String> secretsKey,
               @ConfigProperty(name = "switchboard.secrets.key-file", defaultValue = "./data/secret.key") Path keyFile) {
        this(new SecretKeySource(new SecureRandom()).resolve(secretsKey, keyFile));
    }

    CsrfTokens(byte[] secretsKey) {
        this.key = hmac(secretsKey, "switchboard-csrf-v1");
    }

    /** The token for one session, named by whatever identifies it stably (subject and session id). */
    public String tokenFor(String sessionIdentity) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, sessionIdentity));
    }

    /** Compares in constant time, so the answer time tells nothing about how much of a guess was right. */
    public boolean matches(String sessionIdentity, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(sessionIdentity).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
