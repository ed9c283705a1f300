package dev.switchboard.benchmarks.keycloak;

import dev.switchboard.testkit.keycloak.KeycloakAdmin;

/**
 * The realms the phases compare: {@value #HUB} lists the {@code switchboard} listener (the
 * extension captures it) and has the gateway's poller client; {@value #PLAIN} is the same realm
 * without the listener, the baseline; {@value #UNPOLLED} captures like the hub but nobody polls it,
 * which separates the cost of capturing from the cost of handing over. None stores events or admin
 * events.
 */
final class BenchRealms {

    static final String HUB = "hub";
    static final String PLAIN = "plain";
    static final String UNPOLLED = "unpolled";
    /** A second realm set up exactly as {@value #PLAIN}: two baselines show a run's own spread. */
    static final String CONTROL = "plain-2";
    static final String POLLER_CLIENT = "gateway";
    static final String POLLER_SECRET = "bench-gateway-secret";

    /** A realm with the listener and a poller client; the unpolled one is drained only after (a)'s rounds. */
    private static final String POLLED_REALM = """
            {"realm": "%s", "enabled": true, "eventsListeners": ["jboss-logging", "switchboard"],%s
             "roles": {"realm": [{"name": "switchboard-poller"}]},
             "clients": [{"clientId": "%s", "secret": "%s", "publicClient": false,
                          "serviceAccountsEnabled": true, "standardFlowEnabled": false}],
             "users": [{"username": "service-account-%s", "enabled": true, "serviceAccountClientId": "%s",
                        "realmRoles": ["switchboard-poller"]}]}
            """;

    /**
     * An ES256 default with the keys Keycloak would generate anyway: a realm imported with any key
     * provider gets no default ones.
     */
    private static final String ES256_KEYS = """

             "defaultSignatureAlgorithm": "ES256",
             "components": {"org.keycloak.keys.KeyProvider": [
                 {"name": "ecdsa-p256", "providerId": "ecdsa-generated",
                  "config": {"ecdsaEllipticCurveKey": ["P-256"], "priority": ["100"]}},
                 {"name": "rsa", "providerId": "rsa-generated", "config": {"priority": ["100"]}},
                 {"name": "hmac", "providerId": "hmac-generated",
                  "config": {"priority": ["100"], "algorithm": ["HS512"]}},
                 {"name": "aes", "providerId": "aes-generated", "config": {"priority": ["100"]}}]},""";

    private BenchRealms() {
    }

    /** @param signatureAlgorithm the polled realms' default, which the extension signs SETs with */
    static void create(KeycloakAdmin admin, String signatureAlgorithm) {
        String keys = "ES256".equals(signatureAlgorithm) ? ES256_KEYS : "";
        admin.importRealm(admin.object(POLLED_REALM.formatted(HUB, keys, POLLER_CLIENT, POLLER_SECRET,
                POLLER_CLIENT, POLLER_CLIENT)));
        for (String plain : new String[] {PLAIN, CONTROL}) {
            admin.importRealm(admin.object("""
                    {"realm": "%s", "enabled": true, "eventsListeners": ["jboss-logging"]}
                    """.formatted(plain)));
        }
        admin.importRealm(admin.object(POLLED_REALM.formatted(UNPOLLED, keys, POLLER_CLIENT,
                POLLER_SECRET, POLLER_CLIENT, POLLER_CLIENT)));
    }
}
