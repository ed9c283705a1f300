package dev.switchboard.quickstart;

import dev.switchboard.testkit.keycloak.KeycloakAdmin;
import dev.switchboard.testkit.topology.Federation;

import java.net.URI;
import java.util.List;

/**
 * Something the demo adds to Keycloak once the federation (hub, IdPs, app realms) exists: demo
 * users today; a realm or client for another feature (say, console sign-in) is added the same way,
 * as one more entry in {@link Quickstart#REALM_SETUPS}.
 */
interface RealmSetup {

    void create(KeycloakAdmin admin, Federation federation);

    /** Lines for the "Try it" part of the ready message; {@code keycloak} is the server's base URL. */
    default List<String> tryIt(URI keycloak) {
        return List.of();
    }
}
