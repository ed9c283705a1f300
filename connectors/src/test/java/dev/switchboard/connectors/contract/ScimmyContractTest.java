package dev.switchboard.connectors.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.connectors.auth.Authenticators;
import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.connectors.profile.VendorProfile;
import dev.switchboard.connectors.profile.VendorProfiles;
import dev.switchboard.connectors.scim.ResourceType;
import dev.switchboard.connectors.scim.ScimClient;
import dev.switchboard.connectors.scim.ScimClientConfig;
import dev.switchboard.connectors.scim.ScimClients;
import dev.switchboard.testkit.scimmy.ScimmyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract against SCIMMY (npm scimmy 1.3.5), a SCIM server we did not write. */
class ScimmyContractTest extends ScimClientContractTest {

    private static ScimmyServer server;
    private static ScimClient client;
    private static VendorProfile profile;

    @BeforeAll
    static void start() {
        server = ScimmyServer.start();
        profile = ContractProfiles.withMaxMembersPerPatch(VendorProfiles.load("scimmy"), 2);
        ScimClientConfig config = new ScimClientConfig(server.baseUrl(), new ScimAuth.Bearer(server.token()), "scimmy",
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        client = ScimClients.create(config, profile,
                Authenticators.create(config.auth(), http, config.requestTimeout(), Clock.systemUTC()), http, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected ScimClient client() {
        return client;
    }

    @Override
    protected VendorProfile profile() {
        return profile;
    }

    @Override
    protected Set<String> observedMembers(String groupId) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode member : client.get(ResourceType.GROUP, groupId).orElseThrow().body().path("members")) {
            ids.add(member.path("value").asText());
        }
        return ids;
    }

    @Test
    void factoryClient_withProfileName_talksToScimmy() {
        ScimClient fromFactory = ScimClients.create(new ScimClientConfig(server.baseUrl(),
                new ScimAuth.Bearer(server.token()), "scimmy", Duration.ofSeconds(5), Duration.ofSeconds(10)));

        assertThat(fromFactory.serviceProviderConfig().patchSupported()).isTrue();
        assertThat(fromFactory.serviceProviderConfig().filterMaxResults()).isEqualTo(200);
    }

    @Test
    void wrongToken_isPermanent401() {
        ScimClient wrong = ScimClients.create(new ScimClientConfig(server.baseUrl(),
                new ScimAuth.Bearer("not-the-token"), "scimmy", Duration.ofSeconds(5), Duration.ofSeconds(10)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.get(ResourceType.USER, "x"))
                .isInstanceOfSatisfying(dev.switchboard.connectors.scim.ScimException.Permanent.class,
                        e -> assertThat(e.status()).isEqualTo(401));
    }
}
