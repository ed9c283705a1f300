package dev.switchboard.keycloak.capture;

import jakarta.persistence.EntityManager;

import org.keycloak.models.jpa.entities.GroupEntity;
import org.keycloak.models.jpa.entities.UserEntity;

/**
 * Re-reads, from the database, the Keycloak entity of a subject that this session may have loaded
 * before it waited for the subject's state-row lock.
 *
 * <p>The lock orders two transactions that change one subject, but the second one usually loaded
 * the user or group (into its own persistence context) before the first committed. Its snapshot
 * would then carry the fields as they were, e.g. the old first name next to its own new group
 * membership; that row has the higher {@code seq}, so the receiver would keep it, and the first
 * change would be lost downstream until the subject's next change. Refreshing after the lock reads
 * the committed fields, together with this transaction's own writes, which were flushed before.
 * Collections (attributes) are reloaded on their next use; memberships and IdP links are queried
 * at snapshot time anyway.
 */
final class LoadedSubjectRefresh {

    private final EntityManager em;

    LoadedSubjectRefresh(EntityManager em) {
        this.em = em;
    }

    /**
     * One primary-key read when the session holds the entity (the usual case: the change loaded it),
     * two when it does not; nothing more when the subject is gone.
     */
    void refresh(SubjectKey key) {
        Object entity = switch (key.type()) {
            case USER -> em.find(UserEntity.class, key.id());
            case GROUP -> em.find(GroupEntity.class, key.id());
        };
        if (entity != null) {
            em.refresh(entity);
        }
    }
}
