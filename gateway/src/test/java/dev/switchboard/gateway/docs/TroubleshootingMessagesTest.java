package dev.switchboard.gateway.docs;

import dev.switchboard.testkit.docs.DocsFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages {@code docs/troubleshooting.md} explains are the ones the code emits. A heading that
 * is exactly one code span is a message of ours; {@code <...>} marks what varies. Every literal
 * piece between the placeholders must occur in the main sources of the gateway, the connectors or
 * the extension (string concatenation joined, {@code \"} read as {@code "}). Messages of other
 * software are headed differently (the code span followed by who emits it).
 */
class TroubleshootingMessagesTest {

    private static final Pattern MESSAGE_HEADING = Pattern.compile("^#{2,4} `([^`]+)`\\s*$", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>|…");
    private static final List<String> SOURCE_ROOTS = List.of(
            "gateway/src/main/java", "connectors/src/main/java", "keycloak-extension/provider/src/main/java");

    private static String sources;
    private static List<String> messages;

    @BeforeAll
    static void read() {
        DocsFolder docs = DocsFolder.locate();
        StringBuilder all = new StringBuilder();
        for (String root : SOURCE_ROOTS) {
            try (Stream<Path> files = Files.walk(docs.repositoryRoot().resolve(root))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    all.append(Files.readString(file)).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        sources = all.toString().replaceAll("\"\\s*\\+\\s*\"", "").replace("\\\"", "\"");
        messages = new ArrayList<>();
        Matcher m = MESSAGE_HEADING.matcher(docs.read(docs.docs().resolve("troubleshooting.md")));
        while (m.find()) {
            messages.add(m.group(1));
        }
    }

    @Test
    void everyMessageExplainedIsOneTheCodeEmits() {
        assertThat(messages).as("docs/troubleshooting.md explains messages under `...` headings").hasSizeGreaterThan(10);
        List<String> invented = messages.stream().filter(m -> !emitted(m)).toList();
        assertThat(invented).as("messages in docs/troubleshooting.md that no source emits").isEmpty();
    }

    @Test
    void aMessageTheCodeDoesNotEmitIsFound() {
        assertThat(emitted("no key '<kid>' in the JWKS of <issuer>")).isTrue();
        assertThat(emitted("no key '<kid>' in the key set of <issuer>")).isFalse();
    }

    private static boolean emitted(String message) {
        List<String> pieces = Stream.of(PLACEHOLDER.split(message))
                .map(String::strip).filter(p -> p.length() >= 3).collect(Collectors.toList());
        return !pieces.isEmpty() && pieces.stream().allMatch(sources::contains);
    }
}
