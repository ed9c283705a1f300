package dev.switchboard.gateway.targets.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Which subjects belong in the app. Every criterion that is set must hold (they are ANDed); an
 * empty list means "no restriction on this criterion".
 *
 * @param realms            source ids (configured names of Keycloak realms)
 * @param identityProviders IdP aliases: the user is in scope if linked to any of them
 * @param groups            group paths: the user is in scope if a member of any, subgroups included
 * @param filter            a SCIM filter over the user's SCIM view
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScopeSpec(List<String> realms, List<String> identityProviders, List<String> groups, String filter) {

    public static ScopeSpec everything() {
        return new ScopeSpec(List.of(), List.of(), List.of(), null);
    }
}
