package dev.switchboard.gateway.intake.poll;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/sources}: DOWN when any polled source's last poll failed, listing each
 * source's state and last error. A group of its own rather than readiness: a Keycloak outage must
 * not take the gateway's admin API and push endpoint out of the load balancer.
 */
@HealthGroup("sources")
@ApplicationScoped
public class SourcesHealthCheck implements HealthCheck {

    private final SourceStatusBoard board;

    SourcesHealthCheck(SourceStatusBoard board) {
        this.board = board;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("intake-sources").up();
        board.all().forEach((name, status) -> {
            if (!status.state().healthy()) {
                response.down();
            }
            String detail = status.state().name()
                    + status.lastSuccess().map(t -> " lastSuccess=" + t).orElse("")
                    + (status.state() == SourceState.DOWN ? " failures=" + status.consecutiveFailures() : "")
                    + status.lastError().filter(e -> status.state() == SourceState.DOWN).map(e -> " lastError=" + e).orElse("");
            response.withData(name, detail);
        });
        return response.build();
    }
}
