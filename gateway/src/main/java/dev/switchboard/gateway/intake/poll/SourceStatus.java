package dev.switchboard.gateway.intake.poll;

import java.time.Instant;
import java.util.Optional;

/**
 * A source's intake status at one moment.
 *
 * @param consecutiveFailures failed polls since the last good one
 */
public record SourceStatus(SourceState state, Optional<Instant> lastSuccess, Optional<String> lastError,
                           int consecutiveFailures) {

    static SourceStatus initial(SourceState state) {
        return new SourceStatus(state, Optional.empty(), Optional.empty(), 0);
    }

    SourceStatus succeeded(Instant at) {
        return new SourceStatus(SourceState.UP, Optional.of(at), lastError, 0);
    }

    SourceStatus failed(String error) {
        return new SourceStatus(SourceState.DOWN, lastSuccess, Optional.of(error), consecutiveFailures + 1);
    }

    SourceStatus standby() {
        return new SourceStatus(SourceState.STANDBY, lastSuccess, lastError, 0);
    }
}
