package dev.switchboard.gateway.intake;

/** How a SET reached the gateway. */
public enum Channel {
    /** RFC 8936: the gateway fetched it. */
    POLL,
    /** RFC 8935: the transmitter sent it. */
    PUSH
}
