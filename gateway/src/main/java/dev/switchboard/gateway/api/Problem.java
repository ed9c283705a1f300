package dev.switchboard.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.gateway.targets.spec.FieldError;
import dev.switchboard.gateway.targets.spec.TargetSpecCodec;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * RFC 7807 problem details, the one error body of the admin API. The detail names the offending
 * field or value, never a Java class. {@code errors} lists each bad field by its path so a client (or a
 * person reading curl output) can fix all of them in one go.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response invalid(List<FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(FieldError::toString).toList());
        return response(new Problem("/problems/invalid-target", "Invalid target specification", 400, detail, errors));
    }

    public static Response notFound(String id) {
        return response(new Problem("/problems/not-found", "Target not found", 404, "no target with id " + id, List.of()));
    }

    public static Response conflict(String type, String title, String detail) {
        return response(new Problem(type, title, 409, detail, List.of()));
    }

    /** A problem with only a status and a detail. */
    public static Response response(Response.Status status, String detail) {
        return response(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, List.of()));
    }

    public static Response response(Problem problem) {
        try {
            // serialized here so the media type cannot make the framework pick another writer
            return Response.status(problem.status()).type(MEDIA_TYPE)
                    .entity(TargetSpecCodec.json().writeValueAsString(problem)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem record always serializes", e);
        }
    }
}
