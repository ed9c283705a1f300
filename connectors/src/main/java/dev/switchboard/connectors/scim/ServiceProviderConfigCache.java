package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.profile.VendorProfile;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads {@code /ServiceProviderConfig} once and keeps it. When the provider cannot answer, the
 * profile's defaults stand in, for a short while only, so that a provider down at startup is asked
 * again instead of being spoken to with guesses forever.
 */
final class ServiceProviderConfigCache {

    private static final Logger LOG = Logger.getLogger(ServiceProviderConfigCache.class);
    static final Duration DISCOVERED_TTL = Duration.ofHours(1);
    static final Duration FALLBACK_TTL = Duration.ofMinutes(1);

    private record Entry(ServiceProviderConfig config, Instant expiresAt) {
    }

    private final ScimTransport transport;
    private final ScimJson json;
    private final VendorProfile.Defaults defaults;
    private final Clock clock;
    private Optional<Entry> entry = Optional.empty();

    ServiceProviderConfigCache(ScimTransport transport, ScimJson json, VendorProfile.Defaults defaults, Clock clock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.json = Objects.requireNonNull(json, "json");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    synchronized ServiceProviderConfig get() {
        Instant now = clock.instant();
        if (entry.isPresent() && now.isBefore(entry.get().expiresAt())) {
            return entry.get().config();
        }
        Entry fresh;
        try {
            ObjectNode body = json.object(transport.send(ScimRequest.get("/ServiceProviderConfig")));
            fresh = new Entry(parse(body, defaults), now.plus(DISCOVERED_TTL));
        } catch (ScimException e) {
            LOG.warnf("scim_config_discovery_failed status=%d retryable=%s fallback=profile_defaults",
                    e.status(), e.retryable());
            fresh = new Entry(fromDefaults(defaults), now.plus(FALLBACK_TTL));
        }
        entry = Optional.of(fresh);
        return fresh.config();
    }

    static ServiceProviderConfig fromDefaults(VendorProfile.Defaults d) {
        return new ServiceProviderConfig(d.patchSupported(), d.bulkSupported(), 0, d.filterSupported(),
                d.filterMaxResults(), d.etagSupported(), d.sortSupported());
    }

    /** Fields the provider leaves out fall back to the profile, one by one. */
    static ServiceProviderConfig parse(ObjectNode body, VendorProfile.Defaults d) {
        return new ServiceProviderConfig(
                flag(body, "patch", d.patchSupported()),
                flag(body, "bulk", d.bulkSupported()),
                number(body.path("bulk").path("maxOperations"), 0),
                flag(body, "filter", d.filterSupported()),
                number(body.path("filter").path("maxResults"), d.filterMaxResults()),
                flag(body, "etag", d.etagSupported()),
                flag(body, "sort", d.sortSupported()));
    }

    private static boolean flag(ObjectNode body, String feature, boolean fallback) {
        JsonNode supported = body.path(feature).path("supported");
        return supported.isBoolean() ? supported.booleanValue() : fallback;
    }

    private static int number(JsonNode node, int fallback) {
        return node.canConvertToInt() && node.asInt() > 0 ? node.asInt() : fallback;
    }
}
