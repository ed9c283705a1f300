package dev.switchboard.gateway.planner;

import dev.switchboard.gateway.subject.Snapshot;
import dev.switchboard.gateway.subject.SubjectKey;

/** The newest stored state of a subject ({@code subject_state} row), highest sequence wins. */
public record SubjectState(SubjectKey key, long seq, boolean deleted, Snapshot snapshot) {
}
