package dev.switchboard.gateway.intake.push;

import dev.switchboard.gateway.intake.Acceptance;
import dev.switchboard.gateway.intake.Channel;
import dev.switchboard.gateway.intake.ErrorCode;
import dev.switchboard.gateway.intake.IntakeConfig;
import dev.switchboard.gateway.intake.IntakeMetrics;
import dev.switchboard.gateway.intake.SetError;
import dev.switchboard.gateway.intake.SetStore;
import dev.switchboard.gateway.intake.SetVerifier;
import dev.switchboard.gateway.intake.Verification;
import dev.switchboard.gateway.source.SourceUnavailableException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * RFC 8935 push receiver. Answers 202 once the SET is stored (or was stored before: a replay must
 * not make the transmitter retry forever), otherwise the RFC 8935 error body. Only the SET's own
 * signature authenticates a push; which issuers may push is configuration.
 */
@Path("/events/push")
public class PushResource {

    static final String SECEVENT_JWT = "application/secevent+jwt";
    private static final Logger LOG = Logger.getLogger(PushResource.class);

    private final SetVerifier verifier;
    private final SetStore store;
    private final IntakeMetrics metrics;
    private final IntakeConfig config;
    private final Clock clock;

    PushResource(SetVerifier verifier, SetStore store, IntakeMetrics metrics, IntakeConfig config, Clock clock) {
        this.verifier = verifier;
        this.store = store;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response push(@HeaderParam("Content-Type") String contentType,
                         @HeaderParam("Content-Length") String contentLength,
                         InputStream body) throws IOException {
        if (!config.push().enabled()) {
            return error(Response.Status.FORBIDDEN, new SetError(ErrorCode.ACCESS_DENIED, "push is disabled on this gateway"));
        }
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(MediaType.valueOf(SECEVENT_JWT))) {
            return error(Response.Status.BAD_REQUEST, new SetError(ErrorCode.INVALID_REQUEST,
                    "Content-Type must be %s".formatted(SECEVENT_JWT)));
        }
        long limit = config.push().maxBodySize().asLongValue();
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit || declaredLength(contentLength) > limit) {
            return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, new SetError(ErrorCode.INVALID_REQUEST,
                    "body exceeds %d bytes".formatted(limit)));
        }
        String token = new String(bytes, StandardCharsets.US_ASCII);
        Verification verification;
        try {
            verification = verifier.verifyPushed(token);
        } catch (SourceUnavailableException e) {
            LOG.warnf("event=push_deferred reason=\"%s\"", e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "30")
                    .type("application/problem+json")
                    .entity(Map.of("title", "Source keys unavailable", "status", 503, "detail", e.getMessage()))
                    .build();
        }
        if (verification instanceof Verification.Refused refused) {
            metrics.refused(refused.sourceName(), refused.error());
            LOG.infof("event=push_refused source=%s err=%s description=\"%s\"", refused.sourceName(),
                    refused.error().code().wire(), refused.error().description());
            Response.Status status = refused.error().code() == ErrorCode.ACCESS_DENIED
                    ? Response.Status.FORBIDDEN : Response.Status.BAD_REQUEST;
            return error(status, refused.error());
        }
        var set = ((Verification.Verified) verification).set();
        String source = set.subject().sourceId();
        metrics.received(source, Channel.PUSH, 1);
        Acceptance acceptance = store.store(List.of(set), Channel.PUSH).get(set.jti());
        metrics.accepted(source, acceptance);
        metrics.succeeded(source, clock.instant());
        LOG.debugf("event=push_accepted source=%s jti=%s outcome=%s", source, set.jti(), acceptance);
        return Response.accepted().build();
    }

    private static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Response error(Response.Status status, SetError error) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new PushError(error.code().wire(), error.description()))
                .build();
    }

    /** RFC 8935 §2.3 error body. */
    public record PushError(String err, String description) {
    }
}
