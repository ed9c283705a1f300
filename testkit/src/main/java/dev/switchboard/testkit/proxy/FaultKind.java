package dev.switchboard.testkit.proxy;

/** The faults {@link FaultProxy} can inject, each standing for a way real upstreams fail. */
public enum FaultKind {
    /** Answered 500 by the proxy; the upstream never sees the request. */
    ERROR_500,
    /** Answered 502, as a gateway in front of a dead app would. */
    ERROR_502,
    /** Answered 503, as an overloaded app would. */
    ERROR_503,
    /** Answered 429 with {@code Retry-After} in seconds. */
    TOO_MANY_REQUESTS,
    /** The connection is closed abortively (RST) after the request is read; no response at all. */
    RESET,
    /** The request is held back for a while, then forwarded unchanged. */
    SLOW
}
