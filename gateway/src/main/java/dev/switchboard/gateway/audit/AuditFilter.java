package dev.switchboard.gateway.audit;

import dev.switchboard.gateway.auth.AdminAccessFilter;
import dev.switchboard.gateway.auth.AdminCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Records every state-changing call of the admin API once its answer is known, refusals included,
 * so the log answers "who tried what" as well as "who did what". It sits at the API, not in each
 * action, so an action added later cannot forget it.
 */
@Provider
public class AuditFilter implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    AuditLog log;
    @Inject
    Clock clock;
    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (READS.contains(request.getMethod()) || !path.startsWith("/api/v1/")) {
            return;
        }
        AdminCaller caller = (AdminCaller) request.getProperty(AdminAccessFilter.CALLER_PROPERTY);
        String actor = caller == null ? "anonymous" : caller.user();
        MultivaluedMap<String, String> pathParams = request.getUriInfo().getPathParameters();
        String object = pathParams.isEmpty() ? path : join(pathParams);
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        String details = "status=" + response.getStatus() + (query.isEmpty() ? "" : " " + join(query));
        AuditEntry entry = new AuditEntry(clock.instant(), actor, request.getMethod() + " " + template(path), object,
                AuditEntry.outcomeOf(response.getStatus()), details);
        try {
            log.append(entry);
        } catch (RuntimeException e) {
            // the action already happened and its answer is on its way; losing the entry must be loud
            LOG.errorf(e, "event=audit_not_written actor=%s action=%s object=%s outcome=%s", actor, entry.action(),
                    object, entry.outcome());
        }
    }

    /** The route template ({@code /api/v1/targets/{id}}) when the call reached a resource, else the path. */
    private String template(String path) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return path;
        }
        Path onClass = resource.getResourceClass().getAnnotation(Path.class);
        Path onMethod = method.getAnnotation(Path.class);
        String joined = (onClass == null ? "" : onClass.value()) + (onMethod == null ? "" : "/" + onMethod.value());
        return joined.replaceAll("/+", "/");
    }

    private static String join(MultivaluedMap<String, String> params) {
        return params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + String.join(",", (List<String>) e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
