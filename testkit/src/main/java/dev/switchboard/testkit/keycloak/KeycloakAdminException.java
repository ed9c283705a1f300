package dev.switchboard.testkit.keycloak;

/**
 * The admin REST API refused a call. Carries status and body because Keycloak's error bodies
 * ({@code {"errorMessage": ...}}) are what tells a test author what went wrong.
 */
public final class KeycloakAdminException extends RuntimeException {

    private final int status;
    private final String body;

    public KeycloakAdminException(String method, String path, int status, String body) {
        super("%s %s -> %d: %s".formatted(method, path, status, body));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
