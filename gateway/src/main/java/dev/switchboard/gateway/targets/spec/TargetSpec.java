package dev.switchboard.gateway.targets.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One downstream app, as written in the targets file or sent to the admin API. Fields an operator
 * may leave out are {@code null} here only until {@link TargetSpecValidator} fills the defaults;
 * after validation every field except the mapping's drop markers is set.
 *
 * @param mapping SCIM attribute path to template; a {@code null} value drops the attribute
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetSpec(
        String id,
        String displayName,
        String baseUrl,
        String profile,
        AuthSpec auth,
        ScopeSpec scope,
        @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
        Map<String, String> mapping,
        String deprovision,
        Boolean provisionGroups,
        RateLimitSpec rateLimit,
        Integer concurrency,
        TimeoutsSpec timeouts) {

    public TargetSpec withAuth(AuthSpec newAuth) {
        return new TargetSpec(id, displayName, baseUrl, profile, newAuth, scope, mapping, deprovision,
                provisionGroups, rateLimit, concurrency, timeouts);
    }

    public TargetSpec withId(String newId) {
        return new TargetSpec(newId, displayName, baseUrl, profile, auth, scope, mapping, deprovision,
                provisionGroups, rateLimit, concurrency, timeouts);
    }
}
