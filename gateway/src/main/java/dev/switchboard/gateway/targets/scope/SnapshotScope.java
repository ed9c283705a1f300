package dev.switchboard.gateway.targets.scope;

import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.AttributeMapping;
import dev.switchboard.gateway.targets.TargetScope;
import dev.switchboard.gateway.targets.filter.FilterEvaluator;
import dev.switchboard.gateway.targets.filter.FilterExpression;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A target's scope. Every criterion that is set must hold; an empty set means no restriction.
 * Group paths match the group itself and everything below it ({@code /staff} covers
 * {@code /staff/engineering}). Groups are in scope only when the target provisions groups.
 */
public final class SnapshotScope implements TargetScope {

    private final Set<String> realms;
    private final Set<String> identityProviders;
    private final List<String> groupPaths;
    private final Optional<FilterExpression> filter;
    private final AttributeMapping mapping;
    private final boolean provisionGroups;

    public SnapshotScope(Set<String> realms, Set<String> identityProviders, List<String> groupPaths,
                         Optional<FilterExpression> filter, AttributeMapping mapping, boolean provisionGroups) {
        this.realms = Set.copyOf(realms);
        this.identityProviders = Set.copyOf(identityProviders);
        this.groupPaths = groupPaths.stream().map(SnapshotScope::normalizePath).toList();
        this.filter = filter;
        this.mapping = mapping;
        this.provisionGroups = provisionGroups;
    }

    @Override
    public boolean includes(String sourceId, UserSnapshot user) {
        if (!realmIncluded(sourceId)) {
            return false;
        }
        if (!identityProviders.isEmpty() && (user.federatedIdentities() == null
                || user.federatedIdentities().stream().noneMatch(l -> identityProviders.contains(l.identityProvider())))) {
            return false;
        }
        if (!groupPaths.isEmpty() && (user.groups() == null
                || user.groups().stream().noneMatch(g -> withinScopeGroups(g.path())))) {
            return false;
        }
        return filter.map(f -> FilterEvaluator.matches(f, ScopeView.of(user, mapping))).orElse(true);
    }

    @Override
    public boolean includes(String sourceId, GroupSnapshot group) {
        return provisionGroups
                && realmIncluded(sourceId)
                && (groupPaths.isEmpty() || withinScopeGroups(group.path()));
    }

    private boolean realmIncluded(String sourceId) {
        return realms.isEmpty() || realms.contains(sourceId);
    }

    private boolean withinScopeGroups(String path) {
        if (path == null) {
            return false;
        }
        String candidate = normalizePath(path);
        return groupPaths.stream().anyMatch(scope -> candidate.equals(scope) || candidate.startsWith(scope + "/"));
    }

    static String normalizePath(String path) {
        String p = path.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
