package dev.switchboard.gateway.source;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.switchboard.gateway.intake.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Each source's signing keys. A {@code kid} not in the cached set triggers one refetch, at most
 * once per {@code jwks-refetch-interval} per source: key rotation at the source needs no restart,
 * and a flood of SETs with invented {@code kid}s cannot turn the gateway into a JWKS hammer.
 */
@ApplicationScoped
public class JwksCache {

    private static final Logger LOG = Logger.getLogger(JwksCache.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Clock clock;
    private final Duration refetchInterval;
    private final Duration maxAge;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    JwksCache(IntakeConfig config, Clock clock) {
        this(HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build(), clock,
                config.jwksRefetchInterval(), config.jwksMaxAge());
    }

    /** For tests and tools that run without CDI. */
    public JwksCache(HttpClient http, Clock clock, Duration refetchInterval, Duration maxAge) {
        this.http = http;
        this.clock = clock;
        this.refetchInterval = refetchInterval;
        this.maxAge = maxAge;
    }

    /**
     * The key with this {@code kid}, fetching the JWKS when it is not cached, stale, or lacks the
     * {@code kid} and the last fetch is older than the refetch interval.
     *
     * @throws SourceUnavailableException when the JWKS cannot be fetched or parsed
     */
    public Optional<JWK> key(Source source, String kid) {
        Instant now = clock.instant();
        Entry entry = entries.get(source.name());
        if (entry == null || entry.fetchedAt.plus(maxAge).isBefore(now)) {
            entry = fetch(source, now);
        }
        JWK key = entry.keys.getKeyByKeyId(kid);
        if (key == null && !entry.fetchedAt.plus(refetchInterval).isAfter(now)) {
            entry = fetch(source, now);
            key = entry.keys.getKeyByKeyId(kid);
        }
        return Optional.ofNullable(key);
    }

    private synchronized Entry fetch(Source source, Instant now) {
        Entry current = entries.get(source.name());
        if (current != null && current.fetchedAt.equals(now)) {
            return current;
        }
        HttpRequest request = HttpRequest.newBuilder(source.jwksUrl())
                .timeout(FETCH_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SourceUnavailableException("JWKS of source '%s' answered HTTP %d"
                        .formatted(source.name(), response.statusCode()));
            }
            Entry fetched = new Entry(JWKSet.parse(response.body()), now);
            entries.put(source.name(), fetched);
            LOG.infof("event=jwks_fetched source=%s keys=%d", source.name(), fetched.keys.size());
            return fetched;
        } catch (ParseException e) {
            throw new SourceUnavailableException("JWKS of source '%s' is not a JWK set: %s"
                    .formatted(source.name(), e.getMessage()), e);
        } catch (IOException e) {
            throw new SourceUnavailableException("JWKS of source '%s' unreachable: %s"
                    .formatted(source.name(), e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while fetching the JWKS of source '%s'"
                    .formatted(source.name()), e);
        }
    }

    private record Entry(JWKSet keys, Instant fetchedAt) {
    }
}
