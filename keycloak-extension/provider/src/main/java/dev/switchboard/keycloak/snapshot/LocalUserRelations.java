package dev.switchboard.keycloak.snapshot;

import java.util.Objects;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.UserAdapter;

/**
 * Reads the groups and IdP links of a user in Keycloak's own tables with two queries whose plans
 * Hibernate keeps from one call to the next.
 *
 * <p>Keycloak's JPA user reads its group ids with a Criteria query, which Hibernate translates again
 * at every call, and its user storage asks the federated-storage tables for IdP links too, which
 * never hold a local user's. In a flight recording of the Keycloak benchmark these two reads were
 * most of the capture's CPU. The groups are resolved through Keycloak's group provider (its cache),
 * realm groups only, as Keycloak's own read does.
 *
 * <p>Only a user Keycloak hands out as its JPA entity adapter is read here: one changed in this
 * transaction, whose groups the cache no longer holds. A user from a user-storage provider (LDAP and
 * the like) can have groups outside these tables, and a user served from Keycloak's cache already
 * has them in memory; both keep Keycloak's own reads.
 */
final class LocalUserRelations {

    private LocalUserRelations() {
    }

    static Stream<GroupModel> groups(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!(user instanceof UserAdapter)) {
            return user.getGroupsStream();
        }
        return entityManager(session)
                .createQuery("select m.groupId from UserGroupMembershipEntity m where m.user.id = :user", String.class)
                .setParameter("user", user.getId())
                .getResultList().stream()
                .map(id -> session.groups().getGroupById(realm, id))
                .filter(Objects::nonNull)
                .filter(group -> group.getType() == GroupModel.Type.REALM);
    }

    static Stream<FederatedIdentityModel> federatedIdentities(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!(user instanceof UserAdapter)) {
            return session.users().getFederatedIdentitiesStream(realm, user);
        }
        return entityManager(session)
                .createQuery("select new org.keycloak.models.FederatedIdentityModel(f.identityProvider, f.userId, f.userName) "
                        + "from FederatedIdentityEntity f where f.user.id = :user", FederatedIdentityModel.class)
                .setParameter("user", user.getId())
                .getResultList().stream();
    }

    private static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
