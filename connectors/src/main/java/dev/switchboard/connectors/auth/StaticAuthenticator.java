package dev.switchboard.connectors.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** A fixed header: no authentication, a static bearer token, or HTTP Basic. */
final class StaticAuthenticator implements Authenticator {

    private final Optional<String> header;
    private final String description;

    private StaticAuthenticator(Optional<String> header, String description) {
        this.header = header;
        this.description = description;
    }

    static StaticAuthenticator none() {
        return new StaticAuthenticator(Optional.empty(), "none");
    }

    static StaticAuthenticator bearer(String token) {
        requireText(token, "bearer token");
        return new StaticAuthenticator(Optional.of("Bearer " + token), "bearer");
    }

    static StaticAuthenticator basic(String username, String password) {
        requireText(username, "username");
        Objects.requireNonNull(password, "password");
        String pair = username + ":" + password;
        return new StaticAuthenticator(
                Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))),
                "basic");
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    @Override
    public Optional<String> authorization() {
        return header;
    }

    @Override
    public boolean invalidate(String rejected) {
        return false;
    }

    @Override
    public String toString() {
        return "StaticAuthenticator[" + description + "]";
    }
}
