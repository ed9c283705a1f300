package dev.switchboard.keycloak.outbox;

/**
 * How many rows of one realm the outbox holds, by state.
 *
 * @param pending rows waiting to be acknowledged (served or not yet)
 * @param dead    rows the receiver refused, kept until the retention passes
 */
public record RealmBacklog(long pending, long dead) {

    public static final RealmBacklog EMPTY = new RealmBacklog(0, 0);
}
