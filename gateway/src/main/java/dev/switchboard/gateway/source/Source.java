package dev.switchboard.gateway.source;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * One configured transmitter with every default resolved, so the rest of intake never has to
 * know where a value came from.
 *
 * @param name      the configured key; stored with every event and subject
 * @param poll      present when the gateway polls this source
 * @param audience  the {@code aud} value its SETs must carry
 */
public record Source(
        String name,
        String issuer,
        String audience,
        URI jwksUrl,
        Optional<PollSettings> poll,
        boolean enabled,
        boolean pushEnabled) {

    /** Everything needed to poll: endpoint, credentials, batch size, request bound. */
    public record PollSettings(URI pollUrl, URI tokenUrl, String clientId, String clientSecret, int maxEvents,
                               Duration longPollWait) {

        /** Keeps the secret out of logs and exception messages. */
        @Override
        public String toString() {
            return "PollSettings[pollUrl=%s, tokenUrl=%s, clientId=%s, maxEvents=%d, longPollWait=%s]"
                    .formatted(pollUrl, tokenUrl, clientId, maxEvents, longPollWait);
        }
    }

    /** True when a poller should run for this source. */
    public boolean polled() {
        return enabled && poll.isPresent();
    }
}
