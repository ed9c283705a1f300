package dev.switchboard.keycloak.transmitter;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

import dev.switchboard.keycloak.capture.SwitchboardEventListenerFactory;

/**
 * {@code /realms/{realm}/switchboard}: the RFC 8936 poll endpoint for the gateway and the resync
 * trigger for realm administrators. Any cluster node can answer; Keycloak never calls out.
 */
public final class TransmitterResource {

    private static final Logger LOG = Logger.getLogger(TransmitterResource.class);

    private final KeycloakSession session;
    private final SwitchboardEventListenerFactory shared;

    TransmitterResource(KeycloakSession session, SwitchboardEventListenerFactory shared) {
        this.session = session;
        this.shared = shared;
    }

    @POST
    @Path("poll")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    public Response poll(String body) {
        RealmModel realm = session.getContext().getRealm();
        Optional<Response> refused = refusal(CallerCheck.poller(session, realm, shared.pollerTokens()));
        if (refused.isPresent()) {
            return refused.get();
        }
        PollRequest request;
        try {
            request = PollRequest.parse(body);
        } catch (InvalidPollRequest e) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage());
        }
        String issuer = Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
        PollResponse response = new PollService(session.getKeycloakSessionFactory(), shared.config(),
                shared.signal(), shared.metrics(), shared.deadRowPurge(), Clock.systemUTC())
                .poll(realm.getId(), realm.getName(), issuer, request);
        return Response.ok(Map.of("sets", response.sets(), "moreAvailable", response.moreAvailable()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("resync")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resync() {
        RealmModel realm = session.getContext().getRealm();
        Optional<Response> refused = refusal(CallerCheck.userManager(session, realm));
        if (refused.isPresent()) {
            return refused.get();
        }
        LOG.infof("resync_start realm=%s", realm.getId());
        ResyncService.Counts counts = new ResyncService(session.getKeycloakSessionFactory(), shared.config(),
                shared.signal(), shared.metrics(), Clock.systemUTC()).resync(realm.getId(), realm.getName());
        return Response.ok(Map.of("groups", counts.groups(), "users", counts.users()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The error response for a caller that may not proceed; empty when the caller is allowed. */
    private static Optional<Response> refusal(CallerCheck.Outcome outcome) {
        if (outcome instanceof CallerCheck.Outcome.Unauthenticated) {
            return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity(Map.of("err", "authentication_failed", "description", "a valid bearer token is required"))
                    .type(MediaType.APPLICATION_JSON_TYPE).build());
        }
        if (outcome instanceof CallerCheck.Outcome.Forbidden) {
            return Optional.of(error(Response.Status.FORBIDDEN, "access_denied", "the caller lacks the required role"));
        }
        return Optional.empty();
    }

    private static Response error(Response.Status status, String err, String description) {
        return Response.status(status).entity(Map.of("err", err, "description", description))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
