package dev.switchboard.keycloak.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keycloak.events.admin.ResourceType;

import dev.switchboard.keycloak.outbox.SubjectType;

class AdminEventSubjectTest {

    @Test
    void userPath_namesTheUser() {
        assertThat(AdminEventSubject.of(ResourceType.USER, "users/u1"))
                .contains(new AdminEventSubject(SubjectType.USER, "u1"));
    }

    @Test
    void membershipPath_namesTheMemberNotTheGroup() {
        assertThat(AdminEventSubject.of(ResourceType.GROUP_MEMBERSHIP, "users/u1/groups/g1"))
                .contains(new AdminEventSubject(SubjectType.USER, "u1"));
    }

    @Test
    void subgroupCreationPath_namesTheParentGroup() {
        assertThat(AdminEventSubject.of(ResourceType.GROUP, "groups/g1/children"))
                .contains(new AdminEventSubject(SubjectType.GROUP, "g1"));
    }

    @Test
    void realmRoleEvent_isNotASubjectChange() {
        assertThat(AdminEventSubject.of(ResourceType.REALM_ROLE, "roles/r1")).isEqualTo(Optional.empty());
    }

    @Test
    void pathWithoutId_isIgnored() {
        assertThat(AdminEventSubject.of(ResourceType.USER, "users")).isEmpty();
    }

    @Test
    void missingPath_isIgnored() {
        assertThat(AdminEventSubject.of(ResourceType.USER, null)).isEmpty();
    }
}
