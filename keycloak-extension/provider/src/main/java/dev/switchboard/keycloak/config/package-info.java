/**
 * The extension's SPI options, read once at startup into an immutable record.
 */
package dev.switchboard.keycloak.config;
