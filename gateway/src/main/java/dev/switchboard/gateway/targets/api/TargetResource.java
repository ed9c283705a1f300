package dev.switchboard.gateway.targets.api;

import dev.switchboard.gateway.api.Problem;
import dev.switchboard.gateway.targets.StoredTargetRegistry;
import dev.switchboard.gateway.targets.TargetChange;
import dev.switchboard.gateway.targets.TargetCommands;
import dev.switchboard.gateway.targets.spec.TargetSpec;
import dev.switchboard.gateway.targets.spec.TargetSpecCodec;
import dev.switchboard.gateway.targets.store.TargetStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code /api/v1/targets}. The body is read here (not by the framework) so that a malformed or
 * mistyped body is answered with the same field-path problem document as a validation failure.
 */
@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Targets", description = "Downstream SCIM applications")
public class TargetResource {

    private final TargetStore store;
    private final TargetCommands commands;
    private final StoredTargetRegistry registry;

    @Inject
    public TargetResource(TargetStore store, TargetCommands commands, StoredTargetRegistry registry) {
        this.store = store;
        this.commands = commands;
        this.registry = registry;
    }

    @GET
    @Operation(summary = "List targets", description = "Secrets are never returned; a set secret shows as ***set***.")
    public List<TargetView> list() {
        return store.all().stream().map(TargetView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get one target")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TargetView.class)))
    @APIResponse(responseCode = "404", description = "No such target", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        return store.byId(id).map(t -> Response.ok(TargetView.of(t)).build()).orElseGet(() -> Problem.notFound(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a target")
    @RequestBody(content = @Content(schema = @Schema(implementation = TargetSpec.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = TargetView.class)))
    @APIResponse(responseCode = "400", description = "Invalid specification, each bad field named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Id taken, or defined in the targets file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(String body, @Context UriInfo uri) {
        TargetSpecCodec.Read<TargetSpec> read = TargetSpecCodec.readJson(body);
        if (read instanceof TargetSpecCodec.Read.Unreadable<TargetSpec> unreadable) {
            return Problem.invalid(unreadable.errors());
        }
        TargetChange change = commands.create(((TargetSpecCodec.Read.Ok<TargetSpec>) read).value());
        if (change instanceof TargetChange.Saved saved) {
            registry.refresh();
            return Response.created(uri.getAbsolutePathBuilder().path(saved.target().id()).build())
                    .entity(TargetView.of(saved.target())).build();
        }
        return failure(change);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a target", description = "Secrets left out (or sent as ***set***) keep their stored value "
            + "as long as the auth type stays the same.")
    @RequestBody(content = @Content(schema = @Schema(implementation = TargetSpec.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TargetView.class)))
    @APIResponse(responseCode = "400", description = "Invalid specification",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such target",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Defined in the targets file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(@PathParam("id") String id, String body) {
        TargetSpecCodec.Read<TargetSpec> read = TargetSpecCodec.readJson(body);
        if (read instanceof TargetSpecCodec.Read.Unreadable<TargetSpec> unreadable) {
            return Problem.invalid(unreadable.errors());
        }
        TargetChange change = commands.replace(id, ((TargetSpecCodec.Read.Ok<TargetSpec>) read).value());
        if (change instanceof TargetChange.Saved saved) {
            registry.refresh();
            return Response.ok(TargetView.of(saved.target())).build();
        }
        return failure(change);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a target")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such target",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Defined in the targets file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) {
        TargetChange change = commands.delete(id);
        if (change instanceof TargetChange.Deleted) {
            registry.refresh();
            return Response.noContent().build();
        }
        return failure(change);
    }

    private static Response failure(TargetChange change) {
        if (change instanceof TargetChange.Invalid invalid) {
            return Problem.invalid(invalid.errors());
        }
        if (change instanceof TargetChange.NotFound notFound) {
            return Problem.notFound(notFound.id());
        }
        if (change instanceof TargetChange.AlreadyExists exists) {
            return Problem.conflict("/problems/target-exists", "Target already exists",
                    "a target with id " + exists.id() + " already exists; use PUT to replace it");
        }
        if (change instanceof TargetChange.ReadOnly readOnly) {
            return Problem.conflict("/problems/target-read-only", "Target is defined in the targets file",
                    "target " + readOnly.id() + " comes from the targets file (switchboard.targets.file) and is read-only "
                            + "through the API; change the file instead");
        }
        throw new IllegalStateException("not a failure: " + change.getClass().getSimpleName());
    }
}
