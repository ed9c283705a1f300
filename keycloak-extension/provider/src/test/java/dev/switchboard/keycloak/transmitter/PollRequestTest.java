package dev.switchboard.keycloak.transmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class PollRequestTest {

    @Test
    void fullBody_isReadIntoAcksErrorsAndLimits() {
        PollRequest request = PollRequest.parse("""
                {"ack": ["a1", "a2"],
                 "setErrs": {"e1": {"err": "invalid_request", "description": "unknown subject type"}},
                 "maxEvents": 7, "returnImmediately": true}
                """);
        assertThat(request.ack()).containsExactly("a1", "a2");
        assertThat(request.setErrs()).containsEntry("e1",
                new PollRequest.SetError("invalid_request", "unknown subject type"));
        assertThat(request.maxEvents()).isEqualTo(OptionalInt.of(7));
        assertThat(request.returnImmediately()).isTrue();
    }

    @Test
    void emptyBody_isALongPollWithTransmitterChosenLimit() {
        PollRequest request = PollRequest.parse("");
        assertThat(request.ack()).isEmpty();
        assertThat(request.returnImmediately()).isFalse();
        assertThat(request.effectiveMax(500)).isEqualTo(500);
    }

    @Test
    void maxEventsAboveCap_isCappedByTransmitter() {
        assertThat(PollRequest.parse("""
                {"maxEvents": 10000}
                """).effectiveMax(500)).isEqualTo(500);
    }

    @Test
    void maxEventsZero_meansAcknowledgeOnly() {
        assertThat(PollRequest.parse("""
                {"ack": ["x"], "maxEvents": 0}
                """).effectiveMax(500)).isZero();
    }

    @Test
    void negativeMaxEvents_isInvalid() {
        assertThatThrownBy(() -> PollRequest.parse("""
                {"maxEvents": -1}
                """)).isInstanceOf(InvalidPollRequest.class).hasMessageContaining("maxEvents");
    }

    @Test
    void ackOfNumbers_isInvalid() {
        assertThatThrownBy(() -> PollRequest.parse("""
                {"ack": [1, 2]}
                """)).isInstanceOf(InvalidPollRequest.class).hasMessageContaining("ack");
    }

    @Test
    void setErrWithoutErrCode_isInvalid() {
        assertThatThrownBy(() -> PollRequest.parse("""
                {"setErrs": {"j": {"description": "no code"}}}
                """)).isInstanceOf(InvalidPollRequest.class).hasMessageContaining("setErrs.j");
    }

    @Test
    void nonJsonBody_isInvalid() {
        assertThatThrownBy(() -> PollRequest.parse("ack=1")).isInstanceOf(InvalidPollRequest.class);
    }

    @Test
    void jsonArrayBody_isInvalid() {
        assertThatThrownBy(() -> PollRequest.parse("[]")).isInstanceOf(InvalidPollRequest.class);
    }
}
