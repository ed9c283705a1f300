package dev.switchboard.gateway.subject;

import java.util.List;

/**
 * {@link SubjectChanged} for a whole intake batch, fired once per batch (synchronously, inside the
 * intake transaction) so that delivery can enqueue the batch's work in one round trip instead of one
 * per subject and target. Holds at most one change per subject.
 */
public record SubjectsChanged(List<SubjectChanged> changes) {

    public SubjectsChanged {
        changes = List.copyOf(changes);
    }
}
