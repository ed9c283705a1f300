package dev.switchboard.keycloak.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;

/**
 * The groups under a renamed or moved group, and the members of each, read from Keycloak's own
 * tables. Renaming or moving a group changes the path of every group below it, and so the
 * {@code groups} of every member's snapshot: all of them must be restated. Members are read in
 * pages by id (keyset), so the member list is never materialised, however large the group.
 * Users are those stored in Keycloak's database (local and imported), as for a resync.
 */
final class GroupSubtreeMembers {

    private final EntityManager em;
    private final int pageSize;

    GroupSubtreeMembers(EntityManager em, int pageSize) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("page size must be positive, was " + pageSize);
        }
        this.em = em;
        this.pageSize = pageSize;
    }

    /** The group and all its descendants, parents before children. */
    List<String> subtree(String groupId) {
        List<String> ordered = new ArrayList<>();
        Deque<String> toVisit = new ArrayDeque<>(List.of(groupId));
        while (!toVisit.isEmpty()) {
            String id = toVisit.removeFirst();
            ordered.add(id);
            toVisit.addAll(em.createQuery("select g.id from GroupEntity g where g.parentId = :parent order by g.id",
                            String.class)
                    .setParameter("parent", id)
                    .getResultList());
        }
        return ordered;
    }

    /** Hands each direct member of the group (service accounts excluded) to {@code member}, page by page. */
    void forEachMember(String groupId, Consumer<String> member) {
        String after = "";
        while (true) {
            List<String> page = em.createQuery("select m.user.id from UserGroupMembershipEntity m "
                            + "where m.groupId = :group and m.user.serviceAccountClientLink is null "
                            + "and m.user.id > :after order by m.user.id", String.class)
                    .setParameter("group", groupId)
                    .setParameter("after", after)
                    .setMaxResults(pageSize)
                    .getResultList();
            page.forEach(member);
            if (page.size() < pageSize) {
                return;
            }
            after = page.get(page.size() - 1);
        }
    }
}
