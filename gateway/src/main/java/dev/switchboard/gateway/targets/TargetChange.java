package dev.switchboard.gateway.targets;

import dev.switchboard.gateway.targets.spec.FieldError;
import dev.switchboard.gateway.targets.store.StoredTarget;

import java.util.List;

/** Outcome of an admin command on a target. */
public sealed interface TargetChange {

    record Saved(StoredTarget target) implements TargetChange {
    }

    record Deleted(String id) implements TargetChange {
    }

    record Invalid(List<FieldError> errors) implements TargetChange {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    record NotFound(String id) implements TargetChange {
    }

    record AlreadyExists(String id) implements TargetChange {
    }

    /** The target is defined in the targets file; only a change to the file can change it. */
    record ReadOnly(String id) implements TargetChange {
    }
}
