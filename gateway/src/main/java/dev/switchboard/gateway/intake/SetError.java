package dev.switchboard.gateway.intake;

/**
 * Why a SET was refused, in the shape RFC 8935 (push error body) and RFC 8936 ({@code setErrs})
 * both use. Refusals are permanent: sending the same bytes again gives the same answer.
 */
public record SetError(ErrorCode code, String description) {
}
