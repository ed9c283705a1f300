/**
 * Turns Keycloak user, admin and provider events into outbox rows, inside the transaction that made
 * the change (see {@code ChangeCollector}), for realms that enabled the {@code switchboard} listener.
 */
package dev.switchboard.keycloak.capture;
