/**
 * SCIM filter expressions (RFC 7644 §3.4.2.2) used as a target's scope: parsed once when a target
 * is validated, evaluated over the SCIM view of each user. Parse errors carry the position so an
 * operator can find the mistake in a long expression.
 */
package dev.switchboard.gateway.targets.filter;
