package dev.switchboard.connectors.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VendorProfilesTest {

    @Test
    void everyBuiltInProfile_loadsAndNamesItself() {
        assertThat(VendorProfiles.BUILT_IN).allSatisfy(name -> assertThat(VendorProfiles.load(name).name()).isEqualTo(name));
    }

    @Test
    void keycloakProfile_carriesKnownQuirks() {
        VendorProfile keycloak = VendorProfiles.load("keycloak");

        assertThat(keycloak.groupMembersOnWrite()).isFalse();
        assertThat(keycloak.groupMembersOnRead()).isFalse();
        assertThat(keycloak.externalIdStored()).isFalse();
        assertThat(keycloak.userNameCaseInsensitive()).isTrue();
        assertThat(keycloak.userMatch()).isEqualTo(MatchAttribute.USER_NAME);
    }

    @Test
    void genericProfile_followsTheRfcs() {
        VendorProfile generic = VendorProfiles.load("generic");

        assertThat(generic.patch()).isEqualTo(PatchPreference.AUTO);
        assertThat(generic.groupMembersOnWrite()).isTrue();
        assertThat(generic.requestContentType()).isEqualTo("application/scim+json; charset=UTF-8");
    }

    @Test
    void unknownProfile_isRefused() {
        assertThatThrownBy(() -> VendorProfiles.load("nosuchvendor"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown vendor profile");
    }

    @Test
    void pathLikeProfileName_isRefused() {
        assertThatThrownBy(() -> VendorProfiles.load("../generic"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid profile name");
    }
}
