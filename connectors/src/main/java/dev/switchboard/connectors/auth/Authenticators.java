package dev.switchboard.connectors.auth;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/** Builds the {@link Authenticator} for a configured {@link ScimAuth}. */
public final class Authenticators {

    private Authenticators() {
    }

    /**
     * @param http    the client shared with SCIM calls (token requests reuse its connections)
     * @param timeout per token request
     */
    public static Authenticator create(ScimAuth auth, HttpClient http, Duration timeout, Clock clock) {
        return create(auth, http, timeout, clock, () -> UUID.randomUUID().toString());
    }

    /** As {@link #create(ScimAuth, HttpClient, Duration, Clock)}, with the source of assertion {@code jti}s given. */
    public static Authenticator create(ScimAuth auth, HttpClient http, Duration timeout, Clock clock,
                                       Supplier<String> jtiSource) {
        // Java 17 has no pattern switch; ScimAuth is sealed, so this chain is exhaustive by construction.
        if (auth instanceof ScimAuth.None) {
            return StaticAuthenticator.none();
        }
        if (auth instanceof ScimAuth.Bearer bearer) {
            return StaticAuthenticator.bearer(bearer.token());
        }
        if (auth instanceof ScimAuth.Basic basic) {
            return StaticAuthenticator.basic(basic.username(), basic.password());
        }
        if (auth instanceof ScimAuth.ClientSecret secret) {
            return new ClientCredentialsAuthenticator(secret.tokenUrl(),
                    new ClientAuthentication.SecretBasic(secret.clientId(), secret.clientSecret()),
                    secret.scope(), http, timeout, clock);
        }
        if (auth instanceof ScimAuth.PrivateKeyJwt jwt) {
            return new ClientCredentialsAuthenticator(jwt.tokenUrl(),
                    new ClientAuthentication.PrivateKeyJwt(new ClientAssertionSigner(jwt.clientId(), jwt.tokenUrl(),
                            ClientAssertionSigner.parsePem(jwt.privateKeyPem()), jwt.keyId(), clock, jtiSource)),
                    jwt.scope(), http, timeout, clock);
        }
        throw new IllegalArgumentException("unsupported auth type " + auth.getClass().getSimpleName());
    }
}
