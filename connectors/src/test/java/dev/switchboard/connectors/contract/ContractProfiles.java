package dev.switchboard.connectors.contract;

import dev.switchboard.connectors.profile.VendorProfile;

/** Variations of shipped profiles that make contract tests exercise more paths (e.g. chunking) with few users. */
final class ContractProfiles {

    private ContractProfiles() {
    }

    static VendorProfile withMaxMembersPerPatch(VendorProfile p, int max) {
        return new VendorProfile(p.name(), p.patch(), p.patchWithoutPathAccepted(), p.groupMembersOnWrite(),
                p.groupMembersOnRead(), max, p.memberRemoval(), p.externalIdStored(), p.externalIdFilterable(),
                p.userMatch(), p.userNameCaseInsensitive(), p.requestContentType(), p.responseContentTypes(), p.defaults());
    }
}
