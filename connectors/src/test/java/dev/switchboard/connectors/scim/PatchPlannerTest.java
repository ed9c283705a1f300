package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PatchPlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PatchPlanner.Options STRICT = PatchPlanner.Options.strict();
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    record Case(String name, PatchPlanner.Options options, String current, String desired, String operations) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("identical resources give no operations", STRICT,
                        """
                        {"userName":"alice","active":true,"name":{"givenName":"Alice"}}""",
                        """
                        {"userName":"alice","active":true,"name":{"givenName":"Alice"}}""",
                        "[]"),
                new Case("changed simple attribute is replaced", STRICT,
                        """
                        {"userName":"alice","active":true}""",
                        """
                        {"userName":"alice","active":false}""",
                        """
                        [{"op":"replace","path":"active","value":false}]"""),
                new Case("new attribute is replaced in (replace adds when absent)", STRICT,
                        """
                        {"userName":"alice"}""",
                        """
                        {"userName":"alice","displayName":"Alice A"}""",
                        """
                        [{"op":"replace","path":"displayName","value":"Alice A"}]"""),
                new Case("dropped, null and empty attributes are removed", STRICT,
                        """
                        {"userName":"alice","displayName":"A","title":"Dr","nickName":"al"}""",
                        """
                        {"userName":"alice","title":null,"nickName":""}""",
                        """
                        [{"op":"remove","path":"title"},{"op":"remove","path":"nickName"},
                         {"op":"remove","path":"displayName"}]"""),
                new Case("complex attribute is diffed per sub-attribute", STRICT,
                        """
                        {"name":{"givenName":"Alice","familyName":"Smith","middleName":"B"}}""",
                        """
                        {"name":{"givenName":"Alice","familyName":"Jones"}}""",
                        """
                        [{"op":"replace","path":"name.familyName","value":"Jones"},
                         {"op":"remove","path":"name.middleName"}]"""),
                new Case("complex attribute new as a whole is replaced whole", STRICT,
                        """
                        {"userName":"a"}""",
                        """
                        {"userName":"a","name":{"givenName":"A"}}""",
                        """
                        [{"op":"replace","path":"name","value":{"givenName":"A"}}]"""),
                new Case("multi-valued attribute is replaced whole", STRICT,
                        """
                        {"emails":[{"value":"a@x.org","type":"work","primary":true}]}""",
                        """
                        {"emails":[{"value":"a@x.org","type":"work","primary":true},{"value":"a@home.org","type":"home"}]}""",
                        """
                        [{"op":"replace","path":"emails","value":[{"value":"a@x.org","type":"work","primary":true},
                                                                  {"value":"a@home.org","type":"home"}]}]"""),
                new Case("multi-valued attribute in another order is no change", STRICT,
                        """
                        {"emails":[{"value":"a@x.org"},{"value":"b@x.org"}]}""",
                        """
                        {"emails":[{"value":"b@x.org"},{"value":"a@x.org"}]}""",
                        "[]"),
                new Case("extension attributes use full URN paths", STRICT,
                        """
                        {"%1$s":{"department":"Sales","costCenter":"1"}}""".formatted(ENTERPRISE),
                        """
                        {"%1$s":{"department":"Ops","manager":{"value":"m1"}}}""".formatted(ENTERPRISE),
                        """
                        [{"op":"replace","path":"%1$s:department","value":"Ops"},
                         {"op":"replace","path":"%1$s:manager","value":{"value":"m1"}},
                         {"op":"remove","path":"%1$s:costCenter"}]""".formatted(ENTERPRISE)),
                new Case("complex attribute inside an extension is diffed per sub-attribute", STRICT,
                        """
                        {"%1$s":{"manager":{"value":"m1","displayName":"Boss"}}}""".formatted(ENTERPRISE),
                        """
                        {"%1$s":{"manager":{"value":"m2"}}}""".formatted(ENTERPRISE),
                        """
                        [{"op":"replace","path":"%1$s:manager.value","value":"m2"},
                         {"op":"remove","path":"%1$s:manager.displayName"}]""".formatted(ENTERPRISE)),
                new Case("extension dropped entirely removes each of its attributes", STRICT,
                        """
                        {"userName":"a","%1$s":{"department":"Ops"}}""".formatted(ENTERPRISE),
                        """
                        {"userName":"a"}""",
                        """
                        [{"op":"remove","path":"%1$s:department"}]""".formatted(ENTERPRISE)),
                new Case("read-only and server attributes are never diffed", STRICT,
                        """
                        {"id":"1","meta":{"version":"W/\\"1\\""},"schemas":["a"],"groups":[{"value":"g"}],"members":[{"value":"u"}]}""",
                        """
                        {"id":"2","schemas":["b"]}""",
                        "[]"),
                new Case("numbers compare by value", STRICT,
                        """
                        {"x:count":1}""",
                        """
                        {"x:count":1.0}""",
                        "[]"),
                new Case("attribute names match case-insensitively", STRICT,
                        """
                        {"UserName":"alice","DisplayName":"A"}""",
                        """
                        {"userName":"alice","displayName":"B"}""",
                        """
                        [{"op":"replace","path":"displayName","value":"B"}]"""),
                new Case("userName differing in case is a change when the provider keeps case", STRICT,
                        """
                        {"userName":"alice"}""",
                        """
                        {"userName":"Alice"}""",
                        """
                        [{"op":"replace","path":"userName","value":"Alice"}]"""),
                new Case("userName differing in case is no change when the provider folds case",
                        new PatchPlanner.Options(true, true, false),
                        """
                        {"userName":"alice"}""",
                        """
                        {"userName":"Alice"}""",
                        "[]"),
                new Case("externalId is ignored when the provider does not store it",
                        new PatchPlanner.Options(false, false, false),
                        """
                        {"userName":"a"}""",
                        """
                        {"userName":"a","externalId":"kc-1"}""",
                        "[]"),
                new Case("top-level replaces fold into one path-less replace when accepted",
                        new PatchPlanner.Options(false, true, true),
                        """
                        {"userName":"a","active":true,"name":{"givenName":"A"},"title":"Dr"}""",
                        """
                        {"userName":"b","active":false,"name":{"givenName":"B"}}""",
                        """
                        [{"op":"replace","value":{"userName":"b","active":false}},
                         {"op":"replace","path":"name.givenName","value":"B"},
                         {"op":"remove","path":"title"}]"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plan_producesExpectedOperations(Case c) throws Exception {
        PatchRequest patch = new PatchPlanner(c.options()).plan(object(c.current()), object(c.desired()));

        assertThat(patch.toJson().get("Operations")).isEqualTo(JSON.readTree(c.operations()));
    }

    @Test
    void patchRequest_wireFormCarriesPatchOpSchema() throws Exception {
        PatchRequest patch = new PatchPlanner(STRICT).plan(object("""
                {"active":true}"""), object("""
                {"active":false}"""));

        assertThat(patch.toJson()).isEqualTo(JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}"""));
    }

    @Test
    void memberChanges_listAddedAndRemovedIdsInOrder() throws Exception {
        PatchPlanner.MemberChanges changes = PatchPlanner.memberChanges(
                object("""
                        {"members":[{"value":"u1"},{"value":"u2"},{"value":"u3"}]}"""),
                object("""
                        {"members":[{"value":"u2"},{"value":"u4"},{"value":"u5"}]}"""));

        assertThat(changes.added()).containsExactly("u4", "u5");
        assertThat(changes.removed()).containsExactly("u1", "u3");
    }

    @Test
    void memberChanges_withoutMembersOnEitherSide_isEmpty() throws Exception {
        assertThat(PatchPlanner.memberChanges(object("{}"), object("""
                {"displayName":"g"}""")).isEmpty()).isTrue();
    }

    private static ObjectNode object(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return (ObjectNode) node;
    }
}
