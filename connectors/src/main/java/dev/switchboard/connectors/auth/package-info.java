/**
 * Credentials for SCIM providers: static headers and OAuth 2.0 client credentials (client secret or
 * {@code private_key_jwt}) with a cached, single-flight token refresh. Secrets stay inside these types.
 */
package dev.switchboard.connectors.auth;
