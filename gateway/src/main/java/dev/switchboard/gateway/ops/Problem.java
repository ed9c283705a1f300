package dev.switchboard.gateway.ops;

import jakarta.ws.rs.core.Response;

/** RFC 7807 problem details; the detail names the offending field, never a Java class. */
record Problem(String type, String title, int status, String detail) {

    static final String MEDIA_TYPE = "application/problem+json";

    static Response response(Response.Status status, String detail) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail)).build();
    }
}
