package dev.switchboard.gateway.delivery;

import java.util.Map;

/**
 * Delivery tests with a poll interval far longer than any test: whatever gets delivered was started
 * by a wake-up, never by the periodic round.
 */
public class SlowPollTestProfile extends DeliveryTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.delivery.poll-interval", "10m");
    }
}
