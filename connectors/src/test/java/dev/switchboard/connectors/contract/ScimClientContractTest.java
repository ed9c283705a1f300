package dev.switchboard.connectors.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.profile.VendorProfile;
import dev.switchboard.connectors.scim.AdoptionFilter;
import dev.switchboard.connectors.scim.Filter;
import dev.switchboard.connectors.scim.ListPage;
import dev.switchboard.connectors.scim.PatchRequest;
import dev.switchboard.connectors.scim.ResourceType;
import dev.switchboard.connectors.scim.ScimClient;
import dev.switchboard.connectors.scim.ScimException;
import dev.switchboard.connectors.scim.ScimResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour Switchboard relies on, run unchanged against every real SCIM server we test with.
 * Subclasses start the server and say how group membership can be observed there.
 */
abstract class ScimClientContractTest {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** A client with the server's profile, except that member PATCHes are chunked by two to exercise chunking. */
    protected abstract ScimClient client();

    protected abstract VendorProfile profile();

    /** Member ids of a group as the server records them (SCIM GET, or the server's own admin API). */
    protected abstract Set<String> observedMembers(String groupId);

    protected String unique(String name) {
        return (name + "-" + run).toLowerCase();
    }

    protected static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    protected ObjectNode user(String userName) {
        ObjectNode user = object("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"active":true,
                 "name":{"givenName":"Ada","familyName":"Lovelace"},
                 "emails":[{"value":"placeholder","type":"work","primary":true}]}""");
        user.put("userName", userName);
        ((ObjectNode) user.withArray("emails").get(0)).put("value", userName.replaceAll("[^a-z0-9.-]", "_") + "@example.org");
        return user;
    }

    protected ScimResource createUser(String name) {
        return client().create(ResourceType.USER, user(unique(name)));
    }

    @Test
    void userLifecycle_createReadUpdatePatchDelete() {
        ScimClient client = client();
        ScimResource created = client.create(ResourceType.USER, user(unique("ada")));

        ScimResource read = client.get(ResourceType.USER, created.id()).orElseThrow();
        assertThat(read.body().path("userName").asText()).isEqualTo(unique("ada"));
        assertThat(read.body().path("name").path("familyName").asText()).isEqualTo("Lovelace");

        ObjectNode desired = user(unique("ada"));
        ((ObjectNode) desired.get("name")).put("familyName", "King");
        ScimResource updated = client.update(ResourceType.USER, created.id(), read.body(), desired, read.version());
        assertThat(updated.body().path("name").path("familyName").asText()).isEqualTo("King");
        assertThat(client.get(ResourceType.USER, created.id()).orElseThrow().body().path("name").path("familyName").asText())
                .isEqualTo("King");

        client.patch(ResourceType.USER, created.id(), new PatchRequest(List.of(
                PatchRequest.Operation.replace("active", JSON.getNodeFactory().booleanNode(false)))), Optional.empty());
        assertThat(client.get(ResourceType.USER, created.id()).orElseThrow().body().path("active").asBoolean(true)).isFalse();

        client.delete(ResourceType.USER, created.id());
        assertThat(client.get(ResourceType.USER, created.id())).isEmpty();
        client.delete(ResourceType.USER, created.id());
    }

    @Test
    void replace_putsWholeResource() {
        ScimResource created = createUser("grace");
        ObjectNode desired = user(unique("grace"));
        ((ObjectNode) desired.get("name")).put("givenName", "Grace");

        ScimResource replaced = client().replace(ResourceType.USER, created.id(), desired, created.version());

        assertThat(replaced.id()).isEqualTo(created.id());
        assertThat(client().get(ResourceType.USER, created.id()).orElseThrow().body().path("name").path("givenName").asText())
                .isEqualTo("Grace");
    }

    @Test
    void findByUserName_withApostrophe_findsExactlyThatUser() {
        ScimResource obrien = client().create(ResourceType.USER, user(unique("o'brien")));
        createUser("obrien");

        Optional<ScimResource> found = client().findOne(ResourceType.USER, Filter.eq("userName", unique("o'brien")));

        assertThat(found).map(ScimResource::id).contains(obrien.id());
    }

    /**
     * A value that would widen the filter if it were not escaped. A server may refuse the escaped quote
     * (SCIMMY 1.3.5 answers 400 invalidFilter); it must never match other users.
     */
    @Test
    void findByUserName_withDoubleQuote_isEscapedNotInjected() {
        createUser("alan");
        Filter injection = Filter.eq("userName", unique("alan") + "\" or userName pr or userName eq \"x");

        try {
            assertThat(client().findOne(ResourceType.USER, injection)).isEmpty();
        } catch (ScimException.Permanent refused) {
            assertThat(refused.scimType()).contains("invalidFilter");
        }
    }

    @Test
    void duplicateUserName_isConflict_andAdoptionFilterFindsTheExistingAccount() {
        ScimResource existing = createUser("linus");
        ObjectNode again = user(unique("linus"));

        assertThatThrownBy(() -> client().create(ResourceType.USER, again)).isInstanceOf(ScimException.Conflict.class);
        Filter filter = AdoptionFilter.of(profile(), ResourceType.USER, again).orElseThrow();
        assertThat(client().findOne(ResourceType.USER, filter)).map(ScimResource::id).contains(existing.id());
    }

    @Test
    void paging_walksEveryResourceOnce() {
        Set<String> created = new LinkedHashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(createUser("page" + i).id());
        }
        List<String> seen = new ArrayList<>();
        int startIndex = 1;
        ListPage page;
        do {
            page = client().search(ResourceType.USER, Filter.all(), startIndex, 3);
            assertThat(page.resources().size()).isLessThanOrEqualTo(3);
            page.resources().forEach(r -> seen.add(r.id()));
            startIndex += page.resources().size();
        } while (!page.resources().isEmpty() && startIndex <= page.totalResults());

        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
        assertThat(seen).hasSize(page.totalResults());
    }

    @Test
    void group_createWithMember_thenAddAndRemoveMembersInChunks() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(createUser("member" + i).id());
        }
        ObjectNode group = object("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}""");
        group.put("displayName", unique("ops"));
        group.putArray("members").addObject().put("value", users.get(0));
        ScimResource created = client().create(ResourceType.GROUP, group);
        assertThat(observedMembers(created.id())).containsExactly(users.get(0));

        client().addMembers(created.id(), users.subList(1, 5));
        assertThat(observedMembers(created.id())).containsExactlyInAnyOrderElementsOf(users);

        client().removeMembers(created.id(), List.of(users.get(0), users.get(2), users.get(4)));
        assertThat(observedMembers(created.id())).containsExactlyInAnyOrder(users.get(1), users.get(3));

        client().delete(ResourceType.GROUP, created.id());
        assertThat(client().get(ResourceType.GROUP, created.id())).isEmpty();
    }

    @Test
    void groupUpdate_renamesAndAppliesMemberDelta() {
        String a = createUser("ga").id();
        String b = createUser("gb").id();
        ObjectNode current = object("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}""");
        current.put("displayName", unique("team"));
        current.putArray("members").addObject().put("value", a);
        ScimResource created = client().create(ResourceType.GROUP, current);

        ObjectNode desired = current.deepCopy();
        desired.put("displayName", unique("team2"));
        desired.putArray("members").addObject().put("value", b);
        ScimResource updated = client().update(ResourceType.GROUP, created.id(), current, desired, Optional.empty());

        assertThat(updated.body().path("displayName").asText()).isEqualTo(unique("team2"));
        assertThat(observedMembers(created.id())).containsExactly(b);
    }

    @Test
    void serviceProviderConfig_isDiscovered() {
        assertThat(client().serviceProviderConfig().filterMaxResults()).isPositive();
    }
}
