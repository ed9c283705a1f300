/**
 * The link table: per target and subject, the remote id the app gave us and the state we last
 * wrote there. It is what makes every remote write idempotent and no-ops skippable.
 */
package dev.switchboard.gateway.links;
