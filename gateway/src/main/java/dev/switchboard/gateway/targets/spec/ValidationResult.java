package dev.switchboard.gateway.targets.spec;

import java.util.List;

/** Outcome of validating a spec: normalized with defaults filled, or every problem found. */
public sealed interface ValidationResult {

    record Valid(TargetSpec spec) implements ValidationResult {
    }

    record Invalid(List<FieldError> errors) implements ValidationResult {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
