package dev.switchboard.gateway.planner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.scim.ResourceType;
import dev.switchboard.gateway.links.LinkState;
import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.switchboard.gateway.planner.PlannerFixtures.MAPPING;
import static dev.switchboard.gateway.planner.PlannerFixtures.groupLink;
import static dev.switchboard.gateway.planner.PlannerFixtures.groupState;
import static dev.switchboard.gateway.planner.PlannerFixtures.link;
import static dev.switchboard.gateway.planner.PlannerFixtures.target;
import static dev.switchboard.gateway.planner.PlannerFixtures.user;
import static dev.switchboard.gateway.planner.PlannerFixtures.userState;
import static dev.switchboard.gateway.planner.PlannerFixtures.userTombstone;
import static org.assertj.core.api.Assertions.assertThat;

class DeliveryPlannerTest {

    private final DeliveryPlanner planner = new DeliveryPlanner();
    private final TargetDefinition deactivating = target(DeprovisionMode.DEACTIVATE, false, u -> u.enabled());
    private final TargetDefinition deleting = target(DeprovisionMode.DELETE, false, u -> u.enabled());

    private Plan plan(SubjectState state, TargetDefinition target, Optional<TargetLink> link) {
        return planner.plan(new PlanInput(state, target, link, Map.of()));
    }

    @Test
    void userInScope_neverProvisioned_isCreatedWithMappedBody() {
        SubjectState state = userState(1, user("alice", true));

        Plan plan = plan(state, deactivating, Optional.empty());

        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(Step.Create.class, create -> {
            assertThat(create.type()).isEqualTo(ResourceType.USER);
            assertThat(create.desired().path("userName").asText()).isEqualTo("alice");
            assertThat(create.hash()).isEqualTo(DesiredStateHash.of(create.desired()));
        });
    }

    @Test
    void userUnchangedSinceLastWrite_isNoOp() {
        UserSnapshot alice = user("alice", true);
        SubjectState state = userState(2, alice);
        TargetLink written = link(state, MAPPING.user(alice), LinkState.ACTIVE, false, Set.of());

        Plan plan = plan(state, deactivating, Optional.of(written));

        assertThat(plan.isNoOp()).isTrue();
        assertThat(plan.reason()).isEqualTo("unchanged");
    }

    @Test
    void userChanged_isUpdatedFromWhatWasLastWrittenWithItsVersion() {
        TargetLink written = link(userState(1, user("alice", true)), MAPPING.user(user("alice", true)), LinkState.ACTIVE, false, Set.of());
        SubjectState renamed = userState(2, user("alice.l", true));

        Plan plan = plan(renamed, deactivating, Optional.of(written));

        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(Step.Update.class, update -> {
            assertThat(update.remoteId()).isEqualTo("remote-u1");
            assertThat(update.current()).isEqualTo(written.lastWritten());
            assertThat(update.desired().path("userName").asText()).isEqualTo("alice.l");
            assertThat(update.version()).contains("W/\"1\"");
        });
    }

    @Test
    void userOutOfScope_neverProvisioned_getsNothing() {
        Plan plan = plan(userState(1, user("alice", false)), deactivating, Optional.empty());

        assertThat(plan.isNoOp()).isTrue();
    }

    @Test
    void linkedUserLeavesScope_deactivateMode_isDeactivatedNotDeleted() {
        TargetLink written = link(userState(1, user("alice", true)), MAPPING.user(user("alice", true)), LinkState.ACTIVE, false, Set.of());

        Plan plan = plan(userState(2, user("alice", false)), deactivating, Optional.of(written));

        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(Step.Deactivate.class, deactivate -> {
            assertThat(deactivate.desired().path("active").asBoolean()).isFalse();
            assertThat(deactivate.desired().path("userName").asText()).isEqualTo("alice");
            assertThat(deactivate.sourceDeleted()).isFalse();
        });
    }

    @Test
    void linkedUserLeavesScope_deleteMode_isDeleted() {
        TargetLink written = link(userState(1, user("alice", true)), MAPPING.user(user("alice", true)), LinkState.ACTIVE, false, Set.of());

        Plan plan = plan(userState(2, user("alice", false)), deleting, Optional.of(written));

        assertThat(plan.steps()).containsExactly(new Step.Delete(ResourceType.USER, "remote-u1", false));
    }

    @Test
    void userDeletedAtSource_deleteMode_isDeletedAsTombstone() {
        TargetLink written = link(userState(1, user("alice", true)), MAPPING.user(user("alice", true)), LinkState.ACTIVE, false, Set.of());

        Plan plan = plan(userTombstone(3), deleting, Optional.of(written));

        assertThat(plan.steps()).containsExactly(new Step.Delete(ResourceType.USER, "remote-u1", true));
    }

    @Test
    void userDeletedAtSource_deactivateMode_isDeactivatedAsTombstone() {
        TargetLink written = link(userState(1, user("alice", true)), MAPPING.user(user("alice", true)), LinkState.ACTIVE, false, Set.of());

        Plan plan = plan(userTombstone(3), deactivating, Optional.of(written));

        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(Step.Deactivate.class,
                deactivate -> assertThat(deactivate.sourceDeleted()).isTrue());
    }

    @Test
    void userDeletedAtSource_noAccountRecorded_looksItUpByItsLastIdentifiersAndDeletes() {
        Plan plan = plan(userTombstone(3), deleting, Optional.empty());

        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(Step.DeprovisionUnrecorded.class, step -> {
            assertThat(step.delete()).isTrue();
            assertThat(step.identifiers().path("userName").asText()).isEqualTo("alice");
            assertThat(step.identifiers().path("externalId").asText()).isEqualTo("u1");
            assertThat(step.identifiers().path("emails").get(0).path("value").asText()).isEqualTo("alice@example.com");
        });
    }

    @Test
    void userDeletedAtSource_noAccountRecorded_deactivateMode_looksItUpToDeactivate() {
        Plan plan = plan(userTombstone(3), deactivating, Optional.empty());

        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(Step.DeprovisionUnrecorded.class,
                step -> assertThat(step.delete()).isFalse());
    }

    @Test
    void userDeletedAtSource_alreadyDeletedThere_getsNothing() {
        TargetLink gone = link(userTombstone(3), MAPPING.user(user("alice", true)), LinkState.DELETED, true, Set.of());

        assertThat(plan(userTombstone(4), deleting, Optional.of(gone)).isNoOp()).isTrue();
    }

    @Test
    void tombstonedLink_laterLiveSnapshot_isNeverResurrected() {
        TargetLink tombstone = link(userTombstone(3), MAPPING.user(user("alice", true)), LinkState.DELETED, true, Set.of());

        Plan plan = plan(userState(4, user("alice", true)), deleting, Optional.of(tombstone));

        assertThat(plan.isNoOp()).isTrue();
    }

    @Test
    void userDeletedByScope_backInScope_isCreatedAgain() {
        TargetLink removed = link(userState(2, user("alice", false)), MAPPING.user(user("alice", true)), LinkState.DELETED, false, Set.of());

        Plan plan = plan(userState(3, user("alice", true)), deleting, Optional.of(removed));

        assertThat(plan.steps()).singleElement().isInstanceOf(Step.Create.class);
    }

    @Test
    void deactivatedUser_stillOutOfScope_getsNothing() {
        ObjectNode deactivatedBody = MAPPING.user(user("alice", false));
        TargetLink deactivated = link(userState(2, user("alice", false)), deactivatedBody, LinkState.DEACTIVATED, false, Set.of());

        assertThat(plan(userState(3, user("alice", false)), deactivating, Optional.of(deactivated)).isNoOp()).isTrue();
    }

    @Test
    void deactivatedUser_backInScope_isUpdatedToActive() {
        ObjectNode deactivatedBody = MAPPING.user(user("alice", false));
        TargetLink deactivated = link(userState(2, user("alice", false)), deactivatedBody, LinkState.DEACTIVATED, false, Set.of());

        Plan plan = plan(userState(3, user("alice", true)), deactivating, Optional.of(deactivated));

        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(Step.Update.class,
                update -> assertThat(update.desired().path("active").asBoolean()).isTrue());
    }

    @Test
    void newUserWithProvisionedGroup_isCreatedBeforeItsMembership() {
        TargetDefinition withGroups = target(DeprovisionMode.DEACTIVATE, true, u -> true);
        SubjectState state = userState(1, user("alice", true, "g1"));

        Plan plan = planner.plan(new PlanInput(state, withGroups, Optional.empty(),
                Map.of("g1", new MemberGroup("g1", true, false, Optional.of(groupLink("g1"))))));

        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(0)).isInstanceOf(Step.Create.class);
        assertThat(plan.steps().get(1)).isEqualTo(new Step.AddMembership("g1", "remote-g1"));
        assertThat(plan.waitingForGroups()).isEmpty();
    }

    @Test
    void membershipInGroupNotYetProvisioned_waitsForTheGroup() {
        TargetDefinition withGroups = target(DeprovisionMode.DEACTIVATE, true, u -> true);
        UserSnapshot alice = user("alice", true, "g1");
        TargetLink written = link(userState(1, alice), MAPPING.user(alice), LinkState.ACTIVE, false, Set.of());

        Plan plan = planner.plan(new PlanInput(userState(1, alice), withGroups, Optional.of(written),
                Map.of("g1", new MemberGroup("g1", true, false, Optional.empty()))));

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.waitingForGroups()).containsExactly("g1");
        assertThat(plan.isNoOp()).isFalse();
    }

    @Test
    void userLeftGroup_membershipIsRemovedButAccountUntouched() {
        TargetDefinition withGroups = target(DeprovisionMode.DEACTIVATE, true, u -> true);
        UserSnapshot alice = user("alice", true);
        TargetLink written = link(userState(1, alice), MAPPING.user(alice), LinkState.ACTIVE, false, Set.of("g1"));

        Plan plan = planner.plan(new PlanInput(userState(2, alice), withGroups, Optional.of(written),
                Map.of("g1", new MemberGroup("g1", false, false, Optional.of(groupLink("g1"))))));

        assertThat(plan.steps()).containsExactly(new Step.RemoveMembership("g1", "remote-g1"));
    }

    @Test
    void userRestatedAfterItsGroupWasDeletedAtSource_leavesTheRemovalToTheGroupsDelete() {
        TargetDefinition withGroups = target(DeprovisionMode.DEACTIVATE, true, u -> true);
        UserSnapshot alice = user("alice", true);
        TargetLink written = link(userState(1, alice), MAPPING.user(alice), LinkState.ACTIVE, false, Set.of("g1"));

        Plan plan = planner.plan(new PlanInput(userState(2, alice), withGroups, Optional.of(written),
                Map.of("g1", new MemberGroup("g1", false, true, Optional.of(groupLink("g1"))))));

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.waitingForGroups()).isEmpty();
    }

    @Test
    void groupAtTargetWithoutGroupProvisioning_getsNothing() {
        assertThat(plan(groupState(1, false), deactivating, Optional.empty()).isNoOp()).isTrue();
    }

    @Test
    void linkedGroupDeletedAtSource_isDeletedEvenInDeactivateMode() {
        TargetDefinition withGroups = target(DeprovisionMode.DEACTIVATE, true, u -> true);
        TargetLink written = groupLink("g1");

        Plan plan = plan(groupState(2, true), withGroups, Optional.of(written));

        assertThat(plan.steps()).containsExactly(new Step.Delete(ResourceType.GROUP, "remote-g1", true));
    }

    @Test
    void hash_ignoresKeyOrder() {
        ObjectNode one = PlannerFixtures.JSON.createObjectNode().put("a", 1).put("b", 2);
        ObjectNode two = PlannerFixtures.JSON.createObjectNode().put("b", 2).put("a", 1);

        assertThat(DesiredStateHash.of(one)).isEqualTo(DesiredStateHash.of(two));
        assertThat(DesiredStateHash.of(one)).isNotEqualTo(DesiredStateHash.of(one.deepCopy().put("a", 3)));
    }
}
