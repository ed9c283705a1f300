/**
 * A SCIM 2.0 client (RFC 7643/7644): {@link dev.switchboard.connectors.scim.ScimClient} and its HTTP
 * implementation, PATCH planning from resource diffs, and the classification of every failure into a
 * {@link dev.switchboard.connectors.scim.ScimException} that says whether to retry.
 */
package dev.switchboard.connectors.scim;
