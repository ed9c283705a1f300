package dev.switchboard.gateway.delivery;

/** Fired when an operator pauses or resumes a target, so cached pause flags are dropped after the commit. */
record PauseChanged(String targetId, boolean paused) {
}
