/**
 * Security Event Token payloads and their signing with the realm's own keys.
 */
package dev.switchboard.keycloak.token;
