package dev.switchboard.keycloak.token;

import java.util.Optional;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Signs SETs with the realm's active key through Keycloak's own {@link SignatureProvider}, so the
 * receiver verifies them with the realm's JWKS and the extension bundles no JOSE library.
 *
 * <p>One signer serves one poll answer: the key lookup is done once for all the SETs it carries,
 * and a key rotated during the answer is picked up by the next one.
 */
public final class SetSigner {

    public static final String TYPE = "secevent+jwt";

    private final SignatureSignerContext signer;

    private SetSigner(SignatureSignerContext signer) {
        this.signer = signer;
    }

    /**
     * @param session    a session whose context realm is {@code realm} (the key lookup uses it)
     * @param configured the operator's {@code signature-algorithm}, if set. A realm without an active key
     *                   for it gets one from Keycloak itself, which generates a fallback key for any
     *                   algorithm asked of it, as it does for a client set to sign tokens that way; the
     *                   key is then in the realm's JWKS like any other
     */
    public static SetSigner forRealm(KeycloakSession session, RealmModel realm, Optional<String> configured) {
        SignatureProvider provider = configured
                .map(alg -> configuredProvider(session, alg))
                .orElseGet(() -> asymmetricProvider(session, realm.getDefaultSignatureAlgorithm()));
        return new SetSigner(provider.signer());
    }

    private static SignatureProvider configuredProvider(KeycloakSession session, String alg) {
        SignatureProvider provider = session.getProvider(SignatureProvider.class, alg);
        if (provider == null || !provider.isAsymmetricAlgorithm()) {
            throw new IllegalStateException("signature-algorithm " + alg
                    + " has no asymmetric signature provider in this Keycloak");
        }
        return provider;
    }

    public String sign(SetClaims claims) {
        return new JWSBuilder().type(TYPE).content(claims.toJsonBytes()).sign(signer);
    }

    /**
     * The realm's default algorithm, unless it is missing or symmetric: a receiver verifies with
     * public keys only, so an HMAC realm default falls back to RS256, which every realm has a key for.
     */
    private static SignatureProvider asymmetricProvider(KeycloakSession session, String realmDefault) {
        if (realmDefault != null) {
            SignatureProvider provider = session.getProvider(SignatureProvider.class, realmDefault);
            if (provider != null && provider.isAsymmetricAlgorithm()) {
                return provider;
            }
        }
        return session.getProvider(SignatureProvider.class, Algorithm.RS256);
    }
}
