package dev.switchboard.gateway.targets.spec;

import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.connectors.scim.ScimClientConfig;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.filter.FilterParser;
import dev.switchboard.gateway.targets.mapping.MappingOverride;
import dev.switchboard.gateway.targets.mapping.ScimUserMapping;
import dev.switchboard.gateway.targets.scope.SnapshotScope;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a validated spec (secrets already opened) into what delivery works with. */
public final class TargetDefinitionFactory {

    private TargetDefinitionFactory() {
    }

    /** @param spec must come from {@link ValidationResult.Valid} */
    public static TargetDefinition create(TargetSpec spec, long revision) {
        Map<String, MappingOverride> overrides = new LinkedHashMap<>();
        spec.mapping().forEach((path, template) -> overrides.put(path, MappingOverride.fromSpec(template)));
        ScimUserMapping mapping = new ScimUserMapping(overrides);
        ScopeSpec scope = spec.scope();
        SnapshotScope targetScope = new SnapshotScope(Set.copyOf(scope.realms()), Set.copyOf(scope.identityProviders()),
                scope.groups(), Optional.ofNullable(scope.filter()).map(FilterParser::parse), mapping, spec.provisionGroups());
        ScimClientConfig connection = new ScimClientConfig(URI.create(spec.baseUrl()), auth(spec.auth()), spec.profile(),
                DurationText.parse(spec.timeouts().connect()), DurationText.parse(spec.timeouts().request()));
        return new TargetDefinition(spec.id(), spec.displayName(), revision, connection, targetScope, mapping,
                spec.deprovision().equals("delete") ? DeprovisionMode.DELETE : DeprovisionMode.DEACTIVATE,
                spec.provisionGroups(), new TargetDefinition.RateLimit(spec.rateLimit().perSecond(), spec.rateLimit().burst()),
                spec.concurrency());
    }

    static ScimAuth auth(AuthSpec auth) {
        return switch (auth.type()) {
            case "bearer" -> new ScimAuth.Bearer(auth.token());
            case "basic" -> new ScimAuth.Basic(auth.username(), auth.password());
            case "oauth2-client-secret" -> new ScimAuth.ClientSecret(URI.create(auth.tokenUrl().trim()), auth.clientId(),
                    auth.clientSecret(), Optional.ofNullable(auth.scope()));
            case "oauth2-private-key-jwt" -> new ScimAuth.PrivateKeyJwt(URI.create(auth.tokenUrl().trim()), auth.clientId(),
                    auth.privateKey(), Optional.ofNullable(auth.keyId()), Optional.ofNullable(auth.scope()));
            default -> new ScimAuth.None();
        };
    }
}
