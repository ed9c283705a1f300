package dev.switchboard.gateway.events;

import dev.switchboard.gateway.listing.BadParameter;
import dev.switchboard.gateway.listing.ListParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Optional;

/** The incoming event stream, newest first; {@code realm} is the source name the realm is configured under. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    private final EventQueries queries;

    EventsResource(EventQueries queries) {
        this.queries = queries;
    }

    /** @param nextCursor absent on the last page */
    public record Page(List<EventView> events, String nextCursor) {
    }

    @GET
    public Page events(@QueryParam("realm") String realm, @QueryParam("type") String type,
                       @QueryParam("subject") String subject, @QueryParam("since") String since,
                       @QueryParam("until") String until, @QueryParam("limit") String limit,
                       @QueryParam("cursor") String cursor) {
        int bounded = ListParams.limit(limit, 100);
        Optional<Long> beforeId = ListParams.cursor(cursor, 1).map(fields -> parseId(fields.get(0)));
        EventFilter filter = new EventFilter(ListParams.text(realm), ListParams.text(type).map(EventTypes::uriOf), ListParams.text(subject),
                ListParams.instant("since", since), ListParams.instant("until", until), beforeId);
        List<EventQueries.Row> rows = queries.find(filter, bounded + 1);
        List<EventQueries.Row> page = rows.subList(0, Math.min(bounded, rows.size()));
        String next = rows.size() > bounded ? ListParams.cursor(List.of(String.valueOf(page.get(page.size() - 1).id()))) : null;
        return new Page(page.stream().map(EventQueries.Row::event).toList(), next);
    }

    private static long parseId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadParameter("cursor", "is not a cursor this list handed out");
        }
    }
}
