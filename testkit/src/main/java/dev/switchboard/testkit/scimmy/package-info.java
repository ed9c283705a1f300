/**
 * SCIMMY, an independent SCIM 2.0 server (node), as a downstream app for tests. Its observed
 * behaviour is in {@code testkit/SCIMMY-NOTES.md}.
 */
package dev.switchboard.testkit.scimmy;
