/**
 * RFC 8936 polling: one {@link dev.switchboard.gateway.intake.poll.SourcePoller} thread per polled
 * source, a database lease so one replica polls a source, backoff with jitter, and the
 * {@code sources} health group.
 */
package dev.switchboard.gateway.intake.poll;
