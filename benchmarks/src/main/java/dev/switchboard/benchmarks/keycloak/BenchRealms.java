package dev.switchboard.benchmarks.keycloak;

import java.util.List;

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
    /** The realms (a) compares, in the order of its first round. */
    static final List<String> ALL = List.of(PLAIN, HUB, UNPOLLED, CONTROL);
    static final String POLLER_CLIENT = "gateway";
    static final String POLLER_SECRET = "bench-gateway-secret";

    /** A realm with the listener and a poller client; the unpolled one is drained only after (a)'s rounds. */
    private static final String POLLED_REALM = """
            {"realm": "%s", "enabled": true, "eventsListeners": ["jboss-logging", "switchboard"],
             "roles": {"realm": [{"name": "switchboard-poller"}]},
             "clients": [{"clientId": "%s", "secret": "%s", "publicClient": false,
                          "serviceAccountsEnabled": true, "standardFlowEnabled": false}],
             "users": [{"username": "service-account-%s", "enabled": true, "serviceAccountClientId": "%s",
                        "realmRoles": ["switchboard-poller"]}]}
            """;

    private BenchRealms() {
    }

    static void create(KeycloakAdmin admin) {
        admin.importRealm(admin.object(POLLED_REALM.formatted(HUB, POLLER_CLIENT, POLLER_SECRET,
                POLLER_CLIENT, POLLER_CLIENT)));
        for (String plain : new String[] {PLAIN, CONTROL}) {
            admin.importRealm(admin.object("""
                    {"realm": "%s", "enabled": true, "eventsListeners": ["jboss-logging"]}
                    """.formatted(plain)));
        }
        admin.importRealm(admin.object(POLLED_REALM.formatted(UNPOLLED, POLLER_CLIENT,
                POLLER_SECRET, POLLER_CLIENT, POLLER_CLIENT)));
    }
}
