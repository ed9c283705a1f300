package dev.switchboard.gateway.ops;

import dev.switchboard.gateway.api.Problem;
import dev.switchboard.gateway.targets.TargetRegistry;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * "Test connection" for a target. A POST although it writes nothing downstream: it makes outbound
 * calls with the target's credentials, which is an admin's decision, and it is audited.
 */
@Path("/api/v1/targets/{targetId}/test-connection")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionTestResource {

    private final TargetRegistry targets;
    private final ConnectionTester tester;

    ConnectionTestResource(TargetRegistry targets, ConnectionTester tester) {
        this.targets = targets;
        this.tester = tester;
    }

    @POST
    public Response test(@PathParam("targetId") String targetId) {
        return targets.byId(targetId).map(target -> Response.ok(tester.test(target)).build())
                .orElseGet(() -> Problem.response(Response.Status.NOT_FOUND, "targetId " + targetId + " is not a configured target"));
    }
}
