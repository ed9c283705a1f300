package dev.switchboard.gateway.targets.scope;

import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.filter.FilterParser;
import dev.switchboard.gateway.targets.mapping.ScimUserMapping;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotScopeTest {

    private static final UserSnapshot ALICE = new UserSnapshot("u1", "hub", "alice", "alice@example.com", true,
            "Alice", "Liddell", true, Map.of("department", List.of("Research")),
            List.of(new UserSnapshot.GroupRef("g2", "engineering", "/staff/engineering")),
            List.of(new UserSnapshot.FederatedIdentity("corp-saml", "alice@corp", "alice")));

    private static SnapshotScope scope(Set<String> realms, Set<String> idps, List<String> groups, String filter, boolean groupsOn) {
        return new SnapshotScope(realms, idps, groups, Optional.ofNullable(filter).map(FilterParser::parse),
                ScimUserMapping.defaults(), groupsOn);
    }

    @Test
    void emptyScope_includesEveryUser() {
        assertThat(scope(Set.of(), Set.of(), List.of(), null, false).includes("hub", ALICE)).isTrue();
    }

    @Test
    void otherRealm_isExcluded() {
        assertThat(scope(Set.of("partners"), Set.of(), List.of(), null, false).includes("hub", ALICE)).isFalse();
        assertThat(scope(Set.of("partners", "hub"), Set.of(), List.of(), null, false).includes("hub", ALICE)).isTrue();
    }

    @Test
    void userLinkedToListedIdp_isIncluded_unlinkedIsExcluded() {
        assertThat(scope(Set.of(), Set.of("corp-oidc", "corp-saml"), List.of(), null, false).includes("hub", ALICE)).isTrue();
        assertThat(scope(Set.of(), Set.of("corp-oidc"), List.of(), null, false).includes("hub", ALICE)).isFalse();
    }

    @Test
    void memberOfSubgroup_isInScopeOfParentGroupPath() {
        assertThat(scope(Set.of(), Set.of(), List.of("/staff"), null, false).includes("hub", ALICE)).isTrue();
        assertThat(scope(Set.of(), Set.of(), List.of("staff/"), null, false).includes("hub", ALICE)).isTrue();
        assertThat(scope(Set.of(), Set.of(), List.of("/staff/engineering"), null, false).includes("hub", ALICE)).isTrue();
    }

    @Test
    void groupWithSharedNamePrefix_doesNotCount() {
        assertThat(scope(Set.of(), Set.of(), List.of("/staf"), null, false).includes("hub", ALICE)).isFalse();
        assertThat(scope(Set.of(), Set.of(), List.of("/staff/engineering/backend"), null, false).includes("hub", ALICE)).isFalse();
    }

    @Test
    void filter_seesScimViewGroupsIdpsAndAttributes() {
        assertThat(scope(Set.of(), Set.of(), List.of(), "attributes.department eq \"research\" and groups sw \"/staff\"", false)
                .includes("hub", ALICE)).isTrue();
        assertThat(scope(Set.of(), Set.of(), List.of(), "identityProviders eq \"corp-saml\" and emails[type eq \"work\"]", false)
                .includes("hub", ALICE)).isTrue();
        assertThat(scope(Set.of(), Set.of(), List.of(), "active eq false", false).includes("hub", ALICE)).isFalse();
    }

    @Test
    void allCriteriaMustHold() {
        assertThat(scope(Set.of("hub"), Set.of("corp-saml"), List.of("/staff"), "userName eq \"bob\"", false)
                .includes("hub", ALICE)).isFalse();
    }

    @Test
    void group_isInScopeOnlyWhenTargetProvisionsGroups() {
        GroupSnapshot engineering = new GroupSnapshot("g2", "hub", "engineering", "/staff/engineering", "g1");
        assertThat(scope(Set.of(), Set.of(), List.of(), null, false).includes("hub", engineering)).isFalse();
        assertThat(scope(Set.of(), Set.of(), List.of(), null, true).includes("hub", engineering)).isTrue();
    }

    @Test
    void group_outsideScopeGroupsOrRealm_isExcluded() {
        GroupSnapshot sales = new GroupSnapshot("g3", "hub", "sales", "/sales", null);
        GroupSnapshot engineering = new GroupSnapshot("g2", "hub", "engineering", "/staff/engineering", "g1");
        SnapshotScope staffOnly = scope(Set.of("hub"), Set.of(), List.of("/staff"), null, true);
        assertThat(staffOnly.includes("hub", sales)).isFalse();
        assertThat(staffOnly.includes("hub", engineering)).isTrue();
        assertThat(staffOnly.includes("partners", engineering)).isFalse();
    }
}
