package dev.switchboard.gateway.delivery;

import java.util.Map;

/** {@link SlowPollTestProfile} with tasks claimed ahead of free slots: whatever runs was started by a wake-up or a finishing worker. */
public class PrefetchTestProfile extends DeliveryTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.delivery.poll-interval", "10m", "switchboard.delivery.prefetch", "4");
    }
}
