package dev.switchboard.gateway.source;

import dev.switchboard.gateway.intake.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configured sources, resolved once at startup. Incomplete poll settings fail startup with a
 * message naming the property, because a source that silently never polls is worse than no start.
 */
@ApplicationScoped
public class SourceRegistry {

    private final Map<String, Source> byName;
    private final Map<String, Source> byIssuer;

    @Inject
    SourceRegistry(SourcesConfig sources, IntakeConfig intake) {
        this(sources.all().entrySet().stream()
                .map(e -> resolve(e.getKey(), e.getValue(), intake.audience()))
                .toList());
    }

    /** For tests and tools that build sources by hand. */
    public SourceRegistry(List<Source> sources) {
        this.byName = sources.stream().collect(Collectors.toUnmodifiableMap(Source::name, Function.identity()));
        this.byIssuer = sources.stream().collect(Collectors.toUnmodifiableMap(Source::issuer, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("sources '%s' and '%s' have the same issuer %s"
                            .formatted(a.name(), b.name(), a.issuer()));
                }));
    }

    public Optional<Source> byIssuer(String issuer) {
        return Optional.ofNullable(byIssuer.get(issuer));
    }

    public Optional<Source> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<Source> all() {
        return byName.values();
    }

    static Source resolve(String name, SourcesConfig.SourceConfig c, String defaultAudience) {
        String issuer = c.issuer().endsWith("/") ? c.issuer().substring(0, c.issuer().length() - 1) : c.issuer();
        URI jwks = c.jwksUrl().orElseGet(() -> URI.create(issuer + "/protocol/openid-connect/certs"));
        Optional<Source.PollSettings> poll = c.pollUrl().map(url -> new Source.PollSettings(
                url,
                c.tokenUrl().orElseThrow(() -> missing(name, "token-url")),
                c.clientId().orElseThrow(() -> missing(name, "client-id")),
                c.clientSecret().orElseThrow(() -> missing(name, "client-secret")),
                positive(name, "max-events", c.maxEvents()),
                c.longPollWait()));
        return new Source(name, c.issuer(), c.audience().orElse(defaultAudience), jwks, poll, c.enabled(),
                c.pushEnabled());
    }

    private static IllegalStateException missing(String source, String property) {
        return new IllegalStateException("switchboard.sources.%s.%s is required when poll-url is set"
                .formatted(source, property));
    }

    private static int positive(String source, String property, int value) {
        if (value < 1) {
            throw new IllegalStateException("switchboard.sources.%s.%s must be at least 1, was %d"
                    .formatted(source, property, value));
        }
        return value;
    }
}
