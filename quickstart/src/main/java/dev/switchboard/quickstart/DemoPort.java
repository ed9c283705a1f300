package dev.switchboard.quickstart;

/**
 * The ports the quickstart listens on (all on 127.0.0.1), each settable by a flag or an
 * environment variable, so a busy port is fixed without editing anything.
 */
enum DemoPort {
    KEYCLOAK("Keycloak", "--keycloak-port", "QUICKSTART_KEYCLOAK_PORT", 8080),
    KEYCLOAK_MANAGEMENT("Keycloak management (health)", "--keycloak-management-port", "QUICKSTART_KEYCLOAK_MANAGEMENT_PORT", 9000),
    GATEWAY("Switchboard gateway", "--gateway-port", "QUICKSTART_GATEWAY_PORT", 8088),
    SCIMMY("SCIMMY (SCIM app)", "--scimmy-port", "QUICKSTART_SCIMMY_PORT", 8090);

    private final String role;
    private final String flag;
    private final String environmentVariable;
    private final int defaultPort;

    DemoPort(String role, String flag, String environmentVariable, int defaultPort) {
        this.role = role;
        this.flag = flag;
        this.environmentVariable = environmentVariable;
        this.defaultPort = defaultPort;
    }

    String role() {
        return role;
    }

    String flag() {
        return flag;
    }

    String environmentVariable() {
        return environmentVariable;
    }

    int defaultPort() {
        return defaultPort;
    }

    /** How to choose another port, as the messages say it. */
    String howToChange() {
        return "%s=<port> (or %s=<port>)".formatted(flag, environmentVariable);
    }
}
