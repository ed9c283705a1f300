package dev.switchboard.connectors.auth;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** How the client proves its identity to the token endpoint (RFC 6749 §2.3, RFC 7523 §2.2). */
sealed interface ClientAuthentication {

    String clientId();

    /** Adds this client's credentials to a token request under construction. */
    void apply(HttpRequest.Builder request, Map<String, String> form);

    /** {@code client_secret_basic}: id and secret form-encoded, then Basic (RFC 6749 §2.3.1). */
    record SecretBasic(String clientId, String clientSecret) implements ClientAuthentication {
        @Override
        public void apply(HttpRequest.Builder request, Map<String, String> form) {
            String pair = encode(clientId) + ":" + encode(clientSecret);
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "SecretBasic[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /** {@code private_key_jwt}: a fresh signed assertion per token request. */
    record PrivateKeyJwt(ClientAssertionSigner signer) implements ClientAuthentication {
        static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

        @Override
        public String clientId() {
            return signer.clientId();
        }

        @Override
        public void apply(HttpRequest.Builder request, Map<String, String> form) {
            form.put("client_id", signer.clientId());
            form.put("client_assertion_type", ASSERTION_TYPE);
            form.put("client_assertion", signer.sign());
        }
    }
}
