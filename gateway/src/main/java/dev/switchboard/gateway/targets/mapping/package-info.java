/**
 * Snapshot to SCIM resource: the default SCIM core User (plus enterprise extension) and Group, with
 * per-target overrides written as small templates. Output is canonical so the planner can hash it.
 */
package dev.switchboard.gateway.targets.mapping;
