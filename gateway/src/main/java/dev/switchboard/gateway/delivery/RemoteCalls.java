package dev.switchboard.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.connectors.scim.ScimException;
import dev.switchboard.connectors.scim.ScimResource;
import dev.switchboard.gateway.attempts.Attempt;
import dev.switchboard.gateway.attempts.AttemptRecorder;
import dev.switchboard.gateway.attempts.ExcerptRedactor;
import dev.switchboard.gateway.subject.SubjectKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs one remote call and records it: attempt log row (redacted) and metrics. */
@ApplicationScoped
public class RemoteCalls {

    private final AttemptRecorder log;
    private final DeliveryMetrics metrics;
    private final DeliveryTime time;

    RemoteCalls(AttemptRecorder log, DeliveryMetrics metrics, DeliveryTime time) {
        this.log = log;
        this.metrics = metrics;
        this.time = time;
    }

    /** What is being called, for the log. */
    public record Call(String targetId, SubjectKey key, String method, String path, Optional<JsonNode> request, int okStatus) {
    }

    public <T> T run(Call call, Supplier<T> work) {
        long started = System.nanoTime();
        try {
            T result = work.get();
            Optional<String> response = result instanceof ScimResource resource
                    ? Optional.of(ExcerptRedactor.redact(resource.body())) : Optional.empty();
            record(call, call.okStatus(), "ok", started, response);
            return result;
        } catch (ScimException e) {
            record(call, e.status(), outcome(e), started, Optional.of(ExcerptRedactor.redactText(String.valueOf(e.getMessage()))));
            throw e;
        }
    }

    private void record(Call call, int status, String outcome, long startedNanos, Optional<String> response) {
        Duration latency = Duration.ofNanos(System.nanoTime() - startedNanos);
        metrics.call(call.targetId(), outcome, latency);
        log.record(new Attempt(0, call.targetId(), call.key(), call.method(), call.path(), status, latency.toMillis(), outcome,
                call.request().map(ExcerptRedactor::redact), response, time.clock().instant()));
    }

    private static String outcome(ScimException e) {
        if (e instanceof ScimException.Conflict) {
            return "conflict";
        }
        if (e instanceof ScimException.NotFound) {
            return "not_found";
        }
        return e.retryable() ? "retryable" : "permanent";
    }
}
