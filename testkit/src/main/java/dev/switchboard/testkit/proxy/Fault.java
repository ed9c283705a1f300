package dev.switchboard.testkit.proxy;

import java.time.Duration;

/** What the proxy does with one request, decided by the {@link FaultPlan}. */
public sealed interface Fault permits Fault.Forward, Fault.Injected {

    /** Forward unchanged. */
    record Forward() implements Fault {
    }

    /** A decision that counts as an injected fault of some {@link FaultKind}. */
    sealed interface Injected extends Fault permits Respond, Reset, Delay {
        FaultKind kind();
    }

    /** Answer with {@code status} without forwarding; {@code Retry-After} is sent when positive. */
    record Respond(FaultKind kind, int status, int retryAfterSeconds) implements Injected {
    }

    /** Close the client connection abortively without forwarding. */
    record Reset() implements Injected {
        @Override
        public FaultKind kind() {
            return FaultKind.RESET;
        }
    }

    /** Wait {@code delay}, then forward unchanged. */
    record Delay(Duration delay) implements Injected {
        @Override
        public FaultKind kind() {
            return FaultKind.SLOW;
        }
    }
}
