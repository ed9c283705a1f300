package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.auth.Authenticator;
import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.connectors.fake.FakeHttpServer;
import dev.switchboard.connectors.fake.FakeHttpServer.Recorded;
import dev.switchboard.connectors.fake.FakeHttpServer.Reply;
import dev.switchboard.testkit.time.MutableClock;
import dev.switchboard.connectors.profile.MatchAttribute;
import dev.switchboard.connectors.profile.MemberRemoval;
import dev.switchboard.connectors.profile.PatchPreference;
import dev.switchboard.connectors.profile.VendorProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpScimClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final FakeHttpServer server = new FakeHttpServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));

    @AfterEach
    void stop() {
        server.close();
    }

    private static VendorProfile profile(PatchPreference patch, boolean membersOnWrite, int maxMembers,
                                         MemberRemoval removal, boolean etagDefault) {
        return new VendorProfile("test", patch, false, membersOnWrite, true, maxMembers, removal, true, true,
                MatchAttribute.USER_NAME, false, "application/scim+json; charset=UTF-8",
                List.of("application/scim+json", "application/json"),
                new VendorProfile.Defaults(true, false, true, 100, etagDefault, false));
    }

    private static final VendorProfile PROFILE = profile(PatchPreference.AUTO, true, 2, MemberRemoval.FILTER_PATH, false);

    private HttpScimClient client(VendorProfile profile, Authenticator authenticator) {
        ScimClientConfig config = new ScimClientConfig(server.uri("/scim/v2/"), new ScimAuth.None(), "test",
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        return ScimClients.create(config, profile, authenticator, HTTP, clock);
    }

    private HttpScimClient client() {
        return client(PROFILE, fixedBearer("t0k3n"));
    }

    private static Authenticator fixedBearer(String token) {
        return new Authenticator() {
            @Override
            public Optional<String> authorization() {
                return Optional.of("Bearer " + token);
            }

            @Override
            public boolean invalidate(String rejected) {
                return false;
            }
        };
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode tree(String json) {
        return object(json);
    }

    private static Reply spc(boolean patch, boolean etag) {
        return Reply.json(200, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
                 "patch":{"supported":%s},"bulk":{"supported":false},"filter":{"supported":true,"maxResults":50},
                 "etag":{"supported":%s},"sort":{"supported":false}}""".formatted(patch, etag));
    }

    private static final String ALICE = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u-1","userName":"alice",
             "active":true,"meta":{"resourceType":"User","version":"W/\\"1\\""}}""";

    @Test
    void create_sendsScimHeadersAndSchema_andReturnsIdAndVersion() {
        server.enqueue(Reply.json(201, ALICE).with("ETag", "W/\"body-hash\""));

        ScimResource created = client().create(ResourceType.USER, object("""
                {"userName":"alice","active":true}"""));

        assertThat(created.id()).isEqualTo("u-1");
        assertThat(created.version()).contains("W/\"1\"");
        Recorded post = server.requests().get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/scim/v2/Users");
        assertThat(post.header("Content-Type")).isEqualTo("application/scim+json; charset=UTF-8");
        assertThat(post.header("Accept")).isEqualTo("application/scim+json, application/json");
        assertThat(post.header("Authorization")).isEqualTo("Bearer t0k3n");
        assertThat(tree(post.body())).isEqualTo(tree("""
                {"userName":"alice","active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}"""));
    }

    @Test
    void create_duplicate409_throwsConflict() {
        server.enqueue(Reply.json(409, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness",
                 "detail":"userName alice is already taken"}"""));

        assertThatThrownBy(() -> client().create(ResourceType.USER, object("""
                {"userName":"alice"}""")))
                .isInstanceOf(ScimException.Conflict.class)
                .hasMessageNotContaining("alice");
    }

    @Test
    void successWithoutId_isPermanentProtocolError() {
        server.enqueue(Reply.json(201, """
                {"userName":"alice"}"""));

        assertThatThrownBy(() -> client().create(ResourceType.USER, object("""
                {"userName":"alice"}""")))
                .isInstanceOfSatisfying(ScimException.Permanent.class, e -> assertThat(e.getMessage()).contains("no id"));
    }

    @Test
    void successWithHtmlBody_isPermanentProtocolError() {
        server.enqueue(new Reply(200, java.util.Map.of("Content-Type", "text/html"), "<html>login</html>"));

        assertThatThrownBy(() -> client().get(ResourceType.USER, "u-1"))
                .isInstanceOfSatisfying(ScimException.Permanent.class,
                        e -> assertThat(e.getMessage()).contains("unexpected content type 'text/html'"));
    }

    @Test
    void successWithJsonMediaTypeButBrokenBody_isPermanentProtocolError() {
        server.enqueue(Reply.json(200, "{\"id\":"));

        assertThatThrownBy(() -> client().get(ResourceType.USER, "u-1"))
                .isInstanceOfSatisfying(ScimException.Permanent.class, e -> assertThat(e.getMessage()).contains("not JSON"));
    }

    @Test
    void serverErrorWhoseBodySaysNotFound_staysRetryable() {
        server.enqueue(Reply.json(500, """
                {"status":"500","detail":"User not found"}"""));

        assertThatThrownBy(() -> client().get(ResourceType.USER, "u-1"))
                .isInstanceOfSatisfying(ScimException.Retryable.class, e -> assertThat(e.status()).isEqualTo(500));
    }

    @Test
    void serverErrorWithHtmlBody_staysRetryable() {
        server.enqueue(new Reply(502, java.util.Map.of("Content-Type", "text/html"), "<html>bad gateway</html>"));

        assertThatThrownBy(() -> client().delete(ResourceType.USER, "u-1")).isInstanceOf(ScimException.Retryable.class);
    }

    @Test
    void tooManyRequests_carriesRetryAfter() {
        server.enqueue(Reply.json(429, "{}").with("Retry-After", "7"));

        assertThatThrownBy(() -> client().get(ResourceType.USER, "u-1"))
                .isInstanceOfSatisfying(ScimException.Retryable.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void get_unknownId_isEmpty() {
        server.enqueue(Reply.json(404, "{\"status\":\"404\"}"));

        assertThat(client().get(ResourceType.USER, "nope")).isEmpty();
    }

    @Test
    void create_onMissingEndpoint404_isPermanentNotNotFound() {
        server.enqueue(new Reply(404, java.util.Map.of("Content-Type", "application/json"), """
                {"error":"HTTP 404 Not Found"}"""));

        assertThatThrownBy(() -> client().create(ResourceType.USER, object("""
                {"userName":"alice"}""")))
                .isInstanceOfSatisfying(ScimException.Permanent.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void delete_alreadyGone_isSuccess() {
        server.enqueue(Reply.json(404, "{\"status\":\"404\"}"));

        client().delete(ResourceType.GROUP, "g-1");

        assertThat(server.requests()).singleElement()
                .satisfies(r -> assertThat(r.method() + " " + r.path()).isEqualTo("DELETE /scim/v2/Groups/g-1"));
    }

    @Test
    void connectionRefused_isRetryableWithoutStatus() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ScimClientConfig config = new ScimClientConfig(URI.create("http://127.0.0.1:" + port + "/scim"),
                new ScimAuth.None(), "test", Duration.ofSeconds(1), Duration.ofSeconds(1));
        ScimClient client = ScimClients.create(config, PROFILE, fixedBearer("x"), HTTP, clock);

        assertThatThrownBy(() -> client.get(ResourceType.USER, "u-1"))
                .isInstanceOfSatisfying(ScimException.Retryable.class, e -> assertThat(e.status()).isZero());
    }

    @Test
    void update_whenPatchSupported_sendsComputedPatchOnly() {
        server.enqueue(spc(true, false)).enqueue(Reply.json(200, ALICE));

        client().update(ResourceType.USER, "u-1", object(ALICE), object("""
                {"userName":"alice","active":false}"""), Optional.of("W/\"1\""));

        Recorded patch = server.requests().get(1);
        assertThat(patch.method()).isEqualTo("PATCH");
        assertThat(patch.path()).isEqualTo("/scim/v2/Users/u-1");
        assertThat(patch.header("If-Match")).isEmpty();
        assertThat(tree(patch.body())).isEqualTo(tree("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}"""));
    }

    @Test
    void update_patchAnswered204_readsResourceBack() {
        server.enqueue(spc(true, false)).enqueue(Reply.empty(204)).enqueue(Reply.json(200, ALICE));

        ScimResource result = client().update(ResourceType.USER, "u-1", object("""
                {"userName":"alice","active":true}"""), object("""
                {"userName":"alice","active":false}"""), Optional.empty());

        assertThat(result.id()).isEqualTo("u-1");
        assertThat(server.requests()).extracting(Recorded::method).containsExactly("GET", "PATCH", "GET");
    }

    @Test
    void update_withNothingToChange_sendsNoPatch() {
        server.enqueue(spc(true, false)).enqueue(Reply.json(200, ALICE));

        client().update(ResourceType.USER, "u-1", object(ALICE), object(ALICE), Optional.empty());

        assertThat(server.requests()).extracting(Recorded::method).containsExactly("GET", "GET");
    }

    @Test
    void update_whenProviderHasNoPatch_sendsPutWithIfMatchWhenEtagsSupported() {
        server.enqueue(spc(false, true)).enqueue(Reply.json(200, ALICE));

        client().update(ResourceType.USER, "u-1", object(ALICE), object("""
                {"userName":"alice","active":false}"""), Optional.of("W/\"1\""));

        Recorded put = server.requests().get(1);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.header("If-Match")).isEqualTo("W/\"1\"");
        assertThat(tree(put.body())).isEqualTo(tree("""
                {"userName":"alice","active":false,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u-1"}"""));
    }

    @Test
    void update_profileNeverPatch_putsEvenWhenProviderOffersPatch() {
        server.enqueue(Reply.json(200, ALICE)).otherwise(r -> spc(true, false));
        HttpScimClient client = client(profile(PatchPreference.NEVER, true, 2, MemberRemoval.FILTER_PATH, false),
                fixedBearer("t"));

        client.update(ResourceType.USER, "u-1", object(ALICE), object("""
                {"userName":"alice","active":false}"""), Optional.empty());

        assertThat(server.requests()).extracting(Recorded::method).containsExactly("PUT");
    }

    @Test
    void preconditionFailed_isRetryableTypedException() {
        server.enqueue(spc(false, true)).enqueue(Reply.json(412, "{\"status\":\"412\"}"));

        assertThatThrownBy(() -> client().replace(ResourceType.USER, "u-1", object(ALICE), Optional.of("W/\"0\"")))
                .isInstanceOf(ScimException.PreconditionFailed.class);
    }

    @Test
    void configDiscoveryFailure_fallsBackToProfileDefaults_thenAsksAgainLater() {
        server.enqueue(Reply.json(503, "{}")).enqueue(spc(false, true));
        HttpScimClient client = client();

        ServiceProviderConfig fallback = client.serviceProviderConfig();
        ServiceProviderConfig cached = client.serviceProviderConfig();
        clock.advance(ServiceProviderConfigCache.FALLBACK_TTL.plusSeconds(1));
        ServiceProviderConfig discovered = client.serviceProviderConfig();

        assertThat(fallback.patchSupported()).isTrue();
        assertThat(fallback.etagSupported()).isFalse();
        assertThat(cached).isEqualTo(fallback);
        assertThat(discovered).isEqualTo(new ServiceProviderConfig(false, false, 0, true, 50, true, false));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void addMembers_areChunkedByProfileLimit() {
        server.otherwise(r -> Reply.empty(204));

        client().addMembers("g-1", List.of("u1", "u2", "u3", "u4", "u5"));

        assertThat(server.requests()).hasSize(3).allSatisfy(r -> assertThat(r.method()).isEqualTo("PATCH"));
        assertThat(tree(server.requests().get(2).body())).isEqualTo(tree("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"u5"}]}]}"""));
    }

    @Test
    void removeMembers_useEscapedFilterPaths() {
        server.otherwise(r -> Reply.empty(204));

        client().removeMembers("g-1", List.of("u1", "we\"ird"));

        assertThat(tree(server.requests().get(0).body()).get("Operations")).isEqualTo(tree("""
                {"o":[{"op":"remove","path":"members[value eq \\"u1\\"]"},
                      {"op":"remove","path":"members[value eq \\"we\\\\\\"ird\\"]"}]}""").get("o"));
    }

    @Test
    void removeMembers_valueListStyle_sendsOneOperation() {
        server.otherwise(r -> Reply.empty(204));
        HttpScimClient client = client(profile(PatchPreference.AUTO, true, 10, MemberRemoval.VALUE_LIST, false),
                fixedBearer("t"));

        client.removeMembers("g-1", List.of("u1", "u2"));

        assertThat(tree(server.requests().get(0).body()).get("Operations")).isEqualTo(tree("""
                {"o":[{"op":"remove","path":"members","value":[{"value":"u1"},{"value":"u2"}]}]}""").get("o"));
    }

    @Test
    void createGroup_whenProfileRefusesMembersOnPost_addsThemThroughPatch() {
        server.enqueue(Reply.json(201, """
                {"id":"g-1","displayName":"ops"}""")).otherwise(r -> Reply.empty(204));
        HttpScimClient client = client(profile(PatchPreference.AUTO, false, 50, MemberRemoval.FILTER_PATH, false),
                fixedBearer("t"));

        client.create(ResourceType.GROUP, object("""
                {"displayName":"ops","members":[{"value":"u1"},{"value":"u2"}]}"""));

        assertThat(tree(server.requests().get(0).body()).has("members")).isFalse();
        assertThat(server.requests().get(1).method()).isEqualTo("PATCH");
        assertThat(tree(server.requests().get(1).body()).get("Operations")).isEqualTo(tree("""
                {"o":[{"op":"add","path":"members","value":[{"value":"u1"},{"value":"u2"}]}]}""").get("o"));
    }

    @Test
    void updateGroup_sendsMemberDeltaSeparately() {
        server.enqueue(spc(true, false)).otherwise(r -> r.method().equals("GET")
                ? Reply.json(200, """
                        {"id":"g-1","displayName":"ops2"}""")
                : Reply.empty(204));

        client().update(ResourceType.GROUP, "g-1",
                object("""
                        {"displayName":"ops","members":[{"value":"u1"},{"value":"u2"}]}"""),
                object("""
                        {"displayName":"ops2","members":[{"value":"u2"},{"value":"u3"}]}"""), Optional.empty());

        List<Recorded> patches = server.requests().stream().filter(r -> r.method().equals("PATCH")).toList();
        assertThat(patches).extracting(r -> tree(r.body()).get("Operations").toString()).containsExactly(
                "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"ops2\"}]",
                "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u1\\\"]\"}]",
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u3\"}]}]");
    }

    @Test
    void search_encodesFilterAndCapsCountAtProviderMaximum() {
        server.enqueue(spc(true, false)).enqueue(Reply.json(200, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}"""));

        ListPage page = client().search(ResourceType.USER, Filter.eq("userName", "o'neil \"x\""), 3, 500);

        assertThat(page.totalResults()).isZero();
        assertThat(page.startIndex()).isEqualTo(3);
        assertThat(server.requests().get(1).query())
                .isEqualTo("filter=userName%20eq%20%22o%27neil%20%5C%22x%5C%22%22&startIndex=3&count=50");
    }

    @Test
    void search_listResourceWithoutId_isPermanent() {
        server.enqueue(spc(true, false)).enqueue(Reply.json(200, """
                {"totalResults":1,"Resources":[{"userName":"a"}]}"""));

        assertThatThrownBy(() -> client().search(ResourceType.USER, Filter.eq("userName", "a"), 1, 10))
                .isInstanceOf(ScimException.Permanent.class);
    }

    @Test
    void findOne_twoMatches_isPermanent() {
        server.enqueue(spc(true, false)).enqueue(Reply.json(200, """
                {"totalResults":2,"Resources":[{"id":"1"},{"id":"2"}]}"""));

        assertThatThrownBy(() -> client().findOne(ResourceType.USER, Filter.eq("userName", "a")))
                .isInstanceOf(ScimException.Permanent.class)
                .hasMessageContaining("matched 2");
    }

    @Test
    void findOne_noMatch_isEmpty() {
        server.enqueue(spc(true, false)).enqueue(Reply.json(200, """
                {"totalResults":0}"""));

        assertThat(client().findOne(ResourceType.USER, Filter.eq("userName", "a"))).isEmpty();
    }

    @Test
    void unauthorized_invalidatesTokenOnceAndRepeatsRequestOnce() {
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger invalidations = new AtomicInteger();
        Authenticator rotating = new Authenticator() {
            private volatile String token = "tok-" + issued.incrementAndGet();

            @Override
            public Optional<String> authorization() {
                return Optional.of("Bearer " + token);
            }

            @Override
            public boolean invalidate(String rejected) {
                invalidations.incrementAndGet();
                token = "tok-" + issued.incrementAndGet();
                return true;
            }
        };
        server.enqueue(Reply.json(401, "{}")).enqueue(Reply.json(200, ALICE));

        ScimResource user = client(PROFILE, rotating).get(ResourceType.USER, "u-1").orElseThrow();

        assertThat(user.id()).isEqualTo("u-1");
        assertThat(invalidations).hasValue(1);
        assertThat(server.requests()).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-2");
    }

    @Test
    void unauthorizedWithOAuthToken_fetchesNewTokenAndRepeatsOnce() {
        AtomicInteger tokens = new AtomicInteger();
        AtomicInteger scimCalls = new AtomicInteger();
        server.otherwise(r -> {
            if (r.path().equals("/token")) {
                return Reply.json(200, """
                        {"access_token":"at-%d","token_type":"Bearer","expires_in":300}""".formatted(tokens.incrementAndGet()));
            }
            return scimCalls.incrementAndGet() == 1 ? Reply.json(401, "{}") : Reply.json(200, ALICE);
        });
        ScimAuth auth = new ScimAuth.ClientSecret(server.uri("/token"), "sb", "secret", Optional.empty());
        HttpScimClient client = client(PROFILE,
                dev.switchboard.connectors.auth.Authenticators.create(auth, HTTP, Duration.ofSeconds(5), clock));

        assertThat(client.get(ResourceType.USER, "u-1")).isPresent();

        assertThat(server.requests()).extracting(r -> r.path() + " " + r.header("Authorization").replaceAll("Basic .*", "Basic"))
                .containsExactly("/token Basic", "/scim/v2/Users/u-1 Bearer at-1", "/token Basic", "/scim/v2/Users/u-1 Bearer at-2");
    }

    @Test
    void unauthorizedTwice_isPermanentAfterOneRepeat() {
        Authenticator refreshable = new Authenticator() {
            @Override
            public Optional<String> authorization() {
                return Optional.of("Bearer x");
            }

            @Override
            public boolean invalidate(String rejected) {
                return true;
            }
        };
        server.otherwise(r -> Reply.json(401, "{}"));

        assertThatThrownBy(() -> client(PROFILE, refreshable).get(ResourceType.USER, "u-1"))
                .isInstanceOfSatisfying(ScimException.Permanent.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void unauthorizedWithStaticCredentials_isNotRepeated() {
        server.otherwise(r -> Reply.json(401, "{}"));

        assertThatThrownBy(() -> client().get(ResourceType.USER, "u-1")).isInstanceOf(ScimException.Permanent.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void adoptionFilter_followsProfileMatchAttribute() {
        VendorProfile byEmail = new VendorProfile("t", PatchPreference.AUTO, false, true, true, 10,
                MemberRemoval.FILTER_PATH, true, true, MatchAttribute.EMAIL, true, "application/scim+json",
                List.of("application/scim+json"), new VendorProfile.Defaults(true, false, true, 10, false, false));
        ObjectNode desired = object("""
                {"userName":"alice","emails":[{"value":"a@home.org"},{"value":"a@x.org","primary":true}]}""");

        assertThat(AdoptionFilter.of(byEmail, ResourceType.USER, desired))
                .contains(new Filter("emails.value eq \"a@x.org\""));
        assertThat(AdoptionFilter.of(PROFILE, ResourceType.USER, desired))
                .contains(new Filter("userName eq \"alice\""));
        assertThat(AdoptionFilter.of(PROFILE, ResourceType.GROUP, object("""
                {"displayName":"ops"}"""))).contains(new Filter("displayName eq \"ops\""));
        assertThat(AdoptionFilter.of(PROFILE, ResourceType.USER, object("{}"))).isEmpty();
    }
}
