package dev.switchboard.gateway.subject;

/**
 * The whole state of a subject at one moment, as the source reported it. Events carry
 * snapshots, never diffs, so replaying or reordering them cannot corrupt downstream state.
 */
public sealed interface Snapshot permits UserSnapshot, GroupSnapshot, Tombstone {
    String id();
}
