package dev.switchboard.gateway.intake.poll;

import java.util.List;
import java.util.Map;

/** RFC 8936 §2.4 poll request body, exactly as sent. */
public record PollRequest(List<String> ack, Map<String, SetErr> setErrs, int maxEvents, boolean returnImmediately) {

    /** One refused SET, reported to the transmitter by its {@code jti}. */
    public record SetErr(String err, String description) {
    }
}
