package dev.switchboard.gateway.intake;

/** What {@link SetVerifier} made of one SET: either verified, or refused with an RFC 8935 error. */
public sealed interface Verification {

    record Verified(VerifiedSet set) implements Verification {
    }

    /**
     * @param sourceName the source the SET claimed to come from, or {@code "unknown"} when its
     *                   issuer could not be read or matched; used only for metrics and logs
     */
    record Refused(String sourceName, SetError error) implements Verification {
    }
}
