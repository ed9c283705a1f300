package dev.switchboard.gateway.audit;

import dev.switchboard.gateway.listing.ListParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Reads the audit log, newest first; page with {@code before} = the oldest {@code at} seen. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog log;
    private final Clock clock;

    AuditResource(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public record Entries(List<AuditEntry> entries) {
    }

    @GET
    public Entries entries(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        int bounded = ListParams.limit(limit, 100);
        Instant until = ListParams.instant("before", before).orElseGet(() -> clock.instant().plusSeconds(1));
        return new Entries(log.before(until, bounded));
    }
}
