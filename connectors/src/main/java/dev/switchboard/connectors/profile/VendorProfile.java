package dev.switchboard.connectors.profile;

import java.util.List;
import java.util.Objects;

/**
 * What a provider does differently from RFC 7643/7644, as data. Code asks these fields; it never asks
 * which vendor it talks to, so a new vendor is a new JSON file, not a new branch in the client.
 *
 * @param name                        profile name, equal to its file name without {@code .json}
 * @param patch                       PATCH or PUT for updates
 * @param patchWithoutPathAccepted    whether {@code replace} with no {@code path} and an object value works;
 *                                    when true the planner folds simple replacements into one operation
 * @param groupMembersOnWrite         whether {@code members} may be sent on group POST/PUT; when false members
 *                                    are stripped there and sent through PATCH afterwards
 * @param groupMembersOnRead          whether a group GET lists its members (when false, membership cannot be
 *                                    read back through SCIM and must not be diffed against a GET)
 * @param maxMembersPerPatch          most members in one PATCH request; larger changes are chunked
 * @param memberRemoval               PATCH form used to remove members
 * @param externalIdStored            whether {@code externalId} survives a round trip; when false it is left
 *                                    out of diffs, since a GET would never show it
 * @param externalIdFilterable        whether {@code externalId eq} filters work
 * @param userMatch                   attribute that finds an existing user to adopt after a 409
 * @param userNameCaseInsensitive     whether the provider folds the case of {@code userName} (so
 *                                    {@code Alice} and {@code alice} are the same account and no change)
 * @param requestContentType          Content-Type sent with bodies
 * @param responseContentTypes        media types (without parameters) accepted on JSON responses
 * @param defaults                    capabilities assumed when {@code /ServiceProviderConfig} cannot be read
 */
public record VendorProfile(
        String name,
        PatchPreference patch,
        boolean patchWithoutPathAccepted,
        boolean groupMembersOnWrite,
        boolean groupMembersOnRead,
        int maxMembersPerPatch,
        MemberRemoval memberRemoval,
        boolean externalIdStored,
        boolean externalIdFilterable,
        MatchAttribute userMatch,
        boolean userNameCaseInsensitive,
        String requestContentType,
        List<String> responseContentTypes,
        Defaults defaults) {

    public VendorProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(memberRemoval, "memberRemoval");
        Objects.requireNonNull(userMatch, "userMatch");
        Objects.requireNonNull(requestContentType, "requestContentType");
        Objects.requireNonNull(defaults, "defaults");
        if (maxMembersPerPatch < 1) {
            throw new IllegalArgumentException("maxMembersPerPatch must be at least 1, was " + maxMembersPerPatch);
        }
        if (responseContentTypes == null || responseContentTypes.isEmpty()) {
            throw new IllegalArgumentException("responseContentTypes must name at least one media type");
        }
        if (userMatch == MatchAttribute.EXTERNAL_ID && !externalIdFilterable) {
            throw new IllegalArgumentException("userMatch externalId needs externalIdFilterable");
        }
        responseContentTypes = List.copyOf(responseContentTypes);
    }

    /**
     * Capabilities to assume when discovery fails: a provider that hides its config should still be
     * spoken to in the way its profile knows works.
     */
    public record Defaults(boolean patchSupported, boolean bulkSupported, boolean filterSupported,
                           int filterMaxResults, boolean etagSupported, boolean sortSupported) {
        public Defaults {
            if (filterMaxResults < 1) {
                throw new IllegalArgumentException("filterMaxResults must be at least 1, was " + filterMaxResults);
            }
        }
    }
}
