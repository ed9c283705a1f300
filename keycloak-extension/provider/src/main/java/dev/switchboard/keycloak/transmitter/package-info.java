/**
 * The realm resource {@code /realms/{realm}/switchboard}: RFC 8936 poll for the gateway and the
 * resync trigger for realm administrators.
 */
package dev.switchboard.keycloak.transmitter;
