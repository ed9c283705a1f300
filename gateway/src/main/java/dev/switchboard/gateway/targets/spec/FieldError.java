package dev.switchboard.gateway.targets.spec;

/** One problem with a spec, named by its JSON path ({@code scope.filter}, {@code auth.tokenUrl}). */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
