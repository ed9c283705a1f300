package dev.switchboard.connectors.scim;

import java.util.List;

/** One page of a SCIM ListResponse. */
public record ListPage(int totalResults, int startIndex, int itemsPerPage, List<ScimResource> resources) {
}
