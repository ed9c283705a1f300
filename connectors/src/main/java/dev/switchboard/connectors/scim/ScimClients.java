package dev.switchboard.connectors.scim;

import dev.switchboard.connectors.auth.Authenticator;
import dev.switchboard.connectors.auth.Authenticators;
import dev.switchboard.connectors.profile.VendorProfile;
import dev.switchboard.connectors.profile.VendorProfiles;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds {@link ScimClient}s. Clients share {@link HttpClient}s so connections are pooled. */
public final class ScimClients {

    /** One pooled client per connect timeout (a property of the HttpClient, not of a request). */
    private static final Map<Duration, HttpClient> SHARED = new ConcurrentHashMap<>();

    private ScimClients() {
    }

    /**
     * A client for one provider, with the system clock and the shared HTTP client.
     *
     * @throws IllegalArgumentException when the profile is unknown or the credentials are unusable
     */
    public static ScimClient create(ScimClientConfig config) {
        HttpClient http = SHARED.computeIfAbsent(config.connectTimeout(), timeout -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        return create(config, http, Clock.systemUTC());
    }

    /**
     * A client with the HTTP client and clock given. The connect timeout of {@code config} is a property
     * of the {@code HttpClient}, so it applies only when the caller built {@code http} with it.
     */
    public static ScimClient create(ScimClientConfig config, HttpClient http, Clock clock) {
        VendorProfile profile = VendorProfiles.load(config.profile());
        Authenticator authenticator = Authenticators.create(config.auth(), http, config.requestTimeout(), clock);
        return create(config, profile, authenticator, http, clock);
    }

    /** Fully explicit, for tests and for callers that bring their own profile or authenticator. */
    public static HttpScimClient create(ScimClientConfig config, VendorProfile profile, Authenticator authenticator,
                                        HttpClient http, Clock clock) {
        ErrorClassifier classifier = new ErrorClassifier(clock);
        ScimTransport transport = new ScimTransport(config.baseUrl(), http, authenticator, profile,
                config.requestTimeout(), classifier, clock);
        ScimJson json = new ScimJson(profile.responseContentTypes(), classifier);
        return new HttpScimClient(transport, json, profile,
                new ServiceProviderConfigCache(transport, json, profile.defaults(), clock));
    }
}
