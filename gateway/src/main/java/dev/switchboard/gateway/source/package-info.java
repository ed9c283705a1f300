/**
 * The transmitters the gateway takes events from: their configuration ({@code switchboard.sources.*}),
 * their signing keys ({@link dev.switchboard.gateway.source.JwksCache}) and the OAuth 2.0 tokens used
 * to poll them. Failures talking to a source are {@link dev.switchboard.gateway.source.SourceUnavailableException}:
 * always retryable, never a verdict on a SET.
 */
package dev.switchboard.gateway.source;
