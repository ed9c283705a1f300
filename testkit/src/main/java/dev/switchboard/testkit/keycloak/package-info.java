/**
 * A real Keycloak for tests: server lifecycle (start, stop, kill, restart with data kept), an admin
 * REST client, and a realm set up as a downstream SCIM app. Observed SCIM behaviour is in
 * {@code testkit/KEYCLOAK-SCIM-NOTES.md}.
 */
package dev.switchboard.testkit.keycloak;
