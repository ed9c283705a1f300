package dev.switchboard.keycloak.capture;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

import dev.switchboard.keycloak.outbox.OutboxStore;
import dev.switchboard.keycloak.outbox.SubjectType;
import dev.switchboard.keycloak.snapshot.GroupSnapshotter;
import dev.switchboard.keycloak.snapshot.UserSnapshotter;

/**
 * Captures model changes from Keycloak's in-process provider events. They fire on every path that
 * changes the model (admin REST, account console, user storage sync, cascades such as subgroup
 * removal), including paths that raise no user or admin event. Removals are taken here, before the
 * subject is gone, so the tombstone still has its identifiers.
 */
final class ProviderEventCapture implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(ProviderEventCapture.class);

    private final CollectorSetup setup;

    ProviderEventCapture(CollectorSetup setup) {
        this.setup = setup;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserPreRemovedEvent removed) {
            userRemoved(removed.getKeycloakSession(), removed.getRealm(), removed.getUser());
        } else if (event instanceof UserModel.UserRemovedEvent removed) {
            userRemoved(removed.getKeycloakSession(), removed.getRealm(), removed.getUser());
        } else if (event instanceof GroupModel.GroupRemovedEvent removed) {
            groupRemoved(removed);
        } else if (event instanceof GroupModel.GroupMemberJoinEvent joined) {
            touchUser(joined.getKeycloakSession(), joined.getRealm(), joined.getUser());
        } else if (event instanceof GroupModel.GroupMemberLeaveEvent left) {
            touchUser(left.getKeycloakSession(), left.getRealm(), left.getUser());
        } else if (event instanceof GroupModel.GroupPathChangeEvent moved) {
            groupPathChanged(moved);
        } else if (event instanceof GroupModel.GroupEvent changed) {
            // created, updated
            touchGroup(changed);
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            realmRemoved(removed);
        }
    }

    private void userRemoved(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!captures(session, realm) || user.getServiceAccountClientLink() != null) {
            return;
        }
        ChangeCollector.of(session, setup)
                .delete(realm.getId(), UserSnapshotter.tombstone(realm, user), Optional.empty());
    }

    /**
     * Keycloak fires this before it drops the group's memberships in one statement, which raises no
     * leave event per member: the members are noted now, while they can still be found, and restated
     * at commit without the group. Subgroups fire their own event, so direct members suffice.
     */
    private void groupRemoved(GroupModel.GroupRemovedEvent removed) {
        GroupModel group = removed.getGroup();
        if (!captures(removed.getKeycloakSession(), removed.getRealm()) || group.getType() != GroupModel.Type.REALM) {
            return;
        }
        KeycloakSession session = removed.getKeycloakSession();
        String realmId = removed.getRealm().getId();
        List<String> members = new ArrayList<>();
        new GroupSubtreeMembers(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                setup.memberPageSize()).forEachMember(group.getId(), members::add);
        ChangeCollector.of(session, setup)
                .groupRemoved(realmId, GroupSnapshotter.tombstone(removed.getRealm(), group), members);
    }

    private void touchUser(KeycloakSession session, RealmModel realm, UserModel user) {
        if (captures(session, realm)) {
            ChangeCollector.of(session, setup).touch(realm.getId(), SubjectType.USER, user.getId(), Optional.empty());
        }
    }

    private void touchGroup(GroupModel.GroupEvent changed) {
        if (captures(changed.getKeycloakSession(), changed.getRealm())) {
            ChangeCollector.of(changed.getKeycloakSession(), setup)
                    .touch(changed.getRealm().getId(), SubjectType.GROUP, changed.getGroup().getId(), Optional.empty());
        }
    }

    /** Fired once, for the renamed or moved group only; the collector restates what lies below. */
    private void groupPathChanged(GroupModel.GroupPathChangeEvent moved) {
        if (captures(moved.getKeycloakSession(), moved.getRealm()) && moved.getGroup().getType() == GroupModel.Type.REALM) {
            ChangeCollector.of(moved.getKeycloakSession(), setup)
                    .groupPathChanged(moved.getRealm().getId(), moved.getGroup().getId(), Optional.empty());
        }
    }

    private void realmRemoved(RealmModel.RealmRemovedEvent removed) {
        KeycloakSession session = removed.getKeycloakSession();
        new OutboxStore(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                Clock.systemUTC(), UUID::randomUUID).removeRealm(removed.getRealm().getId());
        LOG.infof("outbox_realm_removed realm=%s", removed.getRealm().getId());
    }

    /** Only realms that enabled the listener are captured, as for user and admin events. */
    private static boolean captures(KeycloakSession session, RealmModel realm) {
        return session != null
                && realm != null
                && session.getTransactionManager().isActive()
                && realm.getEventsListenersStream().anyMatch(SwitchboardEventListenerFactory.ID::equals);
    }
}
