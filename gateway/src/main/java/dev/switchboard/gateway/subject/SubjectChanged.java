package dev.switchboard.gateway.subject;

/**
 * Fired (synchronously, inside the intake transaction) when a subject's stored state moved to a
 * newer sequence. Delivery observes it to enqueue work in the same transaction, so an event is
 * never stored without its work or vice versa.
 */
public record SubjectChanged(SubjectKey key, long sequence, Snapshot snapshot) {
}
