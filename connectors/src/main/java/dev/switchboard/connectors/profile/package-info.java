/**
 * Vendor profiles: each provider's departures from the SCIM RFCs, kept as JSON data next to the code
 * so that the client has one code path and many descriptions.
 */
package dev.switchboard.connectors.profile;
