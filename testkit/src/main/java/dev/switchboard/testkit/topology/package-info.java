/**
 * The federation the end-to-end tests and the quickstart both build in one Keycloak: a hub realm
 * with the Switchboard listener, a SAML and an OIDC IdP realm brokered into it, and a way to read
 * downstream apps through their own SCIM APIs.
 */
package dev.switchboard.testkit.topology;
