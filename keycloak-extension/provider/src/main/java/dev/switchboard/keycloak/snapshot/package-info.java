/**
 * The full-state snapshots and tombstones carried as SET {@code data}; deterministic JSON so equal
 * subjects hash equal and unchanged subjects emit nothing.
 */
package dev.switchboard.keycloak.snapshot;
