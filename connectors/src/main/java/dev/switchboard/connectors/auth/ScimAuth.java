package dev.switchboard.connectors.auth;

import java.net.URI;
import java.util.Optional;

/** How a client authenticates to a provider. Secrets live only in these values, never in logs. */
public sealed interface ScimAuth {

    record None() implements ScimAuth {
    }

    record Bearer(String token) implements ScimAuth {
        @Override
        public String toString() {
            return "Bearer[token=***]";
        }
    }

    record Basic(String username, String password) implements ScimAuth {
        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    /** OAuth 2.0 client credentials with {@code client_secret_post}/{@code client_secret_basic}. */
    record ClientSecret(URI tokenUrl, String clientId, String clientSecret, Optional<String> scope) implements ScimAuth {
        @Override
        public String toString() {
            return "ClientSecret[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /**
     * OAuth 2.0 client credentials authenticated with a signed JWT (RFC 7523, {@code private_key_jwt}).
     *
     * @param privateKeyPem PKCS#8 PEM of an RSA or EC key
     * @param keyId         {@code kid} header, when the server needs it to pick the key
     */
    record PrivateKeyJwt(URI tokenUrl, String clientId, String privateKeyPem, Optional<String> keyId, Optional<String> scope)
            implements ScimAuth {
        @Override
        public String toString() {
            return "PrivateKeyJwt[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", privateKey=***]";
        }
    }
}
