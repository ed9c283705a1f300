package dev.switchboard.gateway.docs;

import dev.switchboard.gateway.testing.PostgresTestResource;
import dev.switchboard.testkit.docs.DocsFolder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's fixed endpoints that docs/ name (health groups, metrics, the OpenAPI document) are
 * served by a running gateway: each answers something other than 404. These are Quarkus' own routes,
 * so only a running application can tell.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class DocumentedEndpointsTest {

    private static final Pattern FIXED = Pattern.compile("(?<![\\w/.-])(?:https?://[^\\s/`\"']+|\\$\\{?\\w+}?)?(/q/[a-z/-]*[a-z]|/api/openapi)");

    @Test
    void everyFixedEndpointInTheDocsIsServed() {
        DocsFolder docs = DocsFolder.locate();
        Set<String> paths = new TreeSet<>();
        for (Path file : docs.markdownFiles()) {
            Matcher m = FIXED.matcher(docs.read(file));
            while (m.find()) {
                paths.add(m.group(1));
            }
        }
        assertThat(paths).as("docs/ name health and metrics endpoints").contains("/q/health/group/sources", "/q/metrics");
        Set<String> missing = new TreeSet<>();
        for (String path : paths) {
            if (given().get(path).statusCode() == 404) {
                missing.add(path);
            }
        }
        assertThat(missing).as("endpoints named in docs/ that answer 404").isEmpty();
    }

    @Test
    void anEndpointThatIsNotServedAnswers404() {
        assertThat(given().get("/q/no-such-endpoint").statusCode()).isEqualTo(404);
    }
}
