package dev.switchboard.gateway.targets.filter;

/** The expression is not valid SCIM filter syntax. Permanent: the spec must be fixed. */
public final class FilterSyntaxException extends RuntimeException {

    private final int position;

    FilterSyntaxException(String message, int position) {
        super(message + " at " + position);
        this.position = position;
    }

    /** Zero-based character offset in the expression where the problem starts. */
    public int position() {
        return position;
    }
}
