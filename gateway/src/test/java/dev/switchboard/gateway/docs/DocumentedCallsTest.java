package dev.switchboard.gateway.docs;

import dev.switchboard.testkit.docs.DocsFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every gateway API call written in {@code docs/*.md} exists: a path under {@code /api/v1/} or
 * {@code /events/} must match a JAX-RS route of the gateway, and the HTTP method too when the doc
 * says one ({@code POST /api/v1/...}, a table row {@code | POST | /api/v1/... |}, or a {@code curl}
 * line, whose method is {@code -X}'s, else POST with a body, else GET). {@code /api/v1/*} names the
 * base of routes.
 */
class DocumentedCallsTest {

    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w/.-])(?:https?://[^\\s/`\"']+|\\$\\{?\\w+}?|\\{\\w+})?(/(?:api/v1|events)(?:/[^\\s`'\"),;|?#\\]]*)?)");
    private static final Pattern METHOD_BEFORE = Pattern.compile("(GET|POST|PUT|DELETE|PATCH)\\s*`?\\s*(?:\\|\\s*`?)?\\s*$");
    private static final Pattern CURL_METHOD = Pattern.compile("(?:-X|--request)\\s+(\\w+)");
    private static final Pattern CURL_BODY = Pattern.compile("\\s(?:-d|--data\\S*|--json|-F)\\s");

    private static DocsFolder docs;
    private static List<RestRoutes.Route> routes;

    record Call(String where, Optional<String> method, String path) {
    }

    @BeforeAll
    static void read() {
        docs = DocsFolder.locate();
        routes = RestRoutes.of(GatewayClasses.all());
    }

    @Test
    void routesAreFoundInTheCode() {
        assertThat(routes).as("the scan finds the gateway's resources")
                .anyMatch(r -> r.method().equals("POST") && r.template().equals("/api/v1/delivery/dead-letters/{taskId}/retry"));
    }

    @Test
    void everyApiCallInTheDocsExists() {
        List<Call> calls = calls();
        assertThat(calls).as("docs/ show API calls").isNotEmpty();
        List<String> unknown = calls.stream()
                .filter(call -> routes.stream().noneMatch(r -> r.matches(call.method(), call.path())
                        || call.method().isEmpty() && r.isBaseOf(call.path())))
                .map(call -> "%s: %s %s".formatted(call.where(), call.method().orElse("(any)"), call.path()))
                .toList();
        assertThat(unknown).as("API calls in docs/ that the gateway does not have; routes: %s", routes).isEmpty();
    }

    @Test
    void aCallToAPathThatDoesNotExistIsFound() {
        assertThat(routes).noneMatch(r -> r.matches(Optional.of("POST"), "/api/v1/delivery/dead-letters/42/replay"));
        assertThat(routes).noneMatch(r -> r.matches(Optional.of("GET"), "/api/v1/delivery/dead-letters/{taskId}/retry"));
        assertThat(routes).anyMatch(r -> r.matches(Optional.of("POST"), "/api/v1/delivery/dead-letters/42/retry"));
    }

    static List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (Path file : docs.markdownFiles()) {
            String[] lines = docs.read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                Matcher m = PATH.matcher(line);
                while (m.find()) {
                    String where = "docs/%s:%d".formatted(file.getFileName(), i + 1);
                    String path = m.group(1);
                    if (path.endsWith("/*")) {
                        calls.add(new Call(where, Optional.empty(), path.substring(0, path.length() - 2)));
                    } else {
                        calls.add(new Call(where, method(line, m.start()), path));
                    }
                }
            }
        }
        return calls;
    }

    private static Optional<String> method(String line, int pathStart) {
        if (line.contains("curl ")) {
            Matcher explicit = CURL_METHOD.matcher(line);
            if (explicit.find()) {
                return Optional.of(explicit.group(1));
            }
            return Optional.of(CURL_BODY.matcher(line).find() ? "POST" : "GET");
        }
        Matcher before = METHOD_BEFORE.matcher(line.substring(0, pathStart));
        return before.find() ? Optional.of(before.group(1)) : Optional.empty();
    }
}
