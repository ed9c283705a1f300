package dev.switchboard.gateway.listing;

import dev.switchboard.gateway.api.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a {@link BadParameter} as problem+json whose detail starts with the parameter's name. */
@Provider
public class BadParameterMapper implements ExceptionMapper<BadParameter> {

    @Override
    public Response toResponse(BadParameter e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }
}
