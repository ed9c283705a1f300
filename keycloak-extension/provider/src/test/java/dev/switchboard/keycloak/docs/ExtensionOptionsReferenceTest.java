package dev.switchboard.keycloak.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventListenerSpi;
import org.keycloak.provider.ProviderConfigProperty;

import dev.switchboard.keycloak.capture.SwitchboardEventListenerFactory;
import dev.switchboard.keycloak.config.SwitchboardConfig;
import dev.switchboard.keycloak.transmitter.TransmitterResource;
import dev.switchboard.keycloak.transmitter.TransmitterResourceFactory;
import dev.switchboard.testkit.docs.DocsFolder;
import dev.switchboard.testkit.docs.MarkdownTable;

/**
 * The extension's names in {@code docs/*.md} are the code's: every option table (first column
 * {@code option}) lists exactly the options the factory declares to Keycloak, with their defaults
 * and types; the {@code --spi-...} forms name the real SPI and provider id; the endpoints under
 * {@code /realms/{realm}/switchboard/} and the poller role exist.
 */
class ExtensionOptionsReferenceTest {

    private static final Pattern SPI_OPTION = Pattern.compile("--spi-([a-z-]+?)--([a-z0-9-]+)--([a-z0-9<>-]+)");
    private static final Pattern ENV_OPTION = Pattern.compile("KC_SPI_([A-Z_]+?)__([A-Z0-9_]+)__([A-Z0-9_<>]+)");
    private static final Pattern ENDPOINT = Pattern.compile("(?:realms/[^/\\s`]+|\\{\\w+})/switchboard/([\\w-]+)");
    private static final Pattern POLLER_ROLE = Pattern.compile("switchboard-poll[\\w-]*");
    private static final Pattern LISTENER_LIST = Pattern.compile("\"eventsListeners\"\\s*:\\s*\\[([^]]*)]");

    private static DocsFolder docs;
    private static Map<String, ProviderConfigProperty> declared;

    @BeforeAll
    static void read() {
        docs = DocsFolder.locate();
        declared = new SwitchboardEventListenerFactory().getConfigMetadata().stream()
                .collect(Collectors.toMap(ProviderConfigProperty::getName, Function.identity()));
    }

    @Test
    void everyOptionTableListsExactlyTheDeclaredOptions() {
        List<MarkdownTable> tables = optionTables();
        assertThat(tables).as("docs/configuration.md has an option table").anyMatch(t -> t.file().equals("docs/configuration.md"));
        for (MarkdownTable table : tables) {
            Set<String> documented = table.rows().stream().map(r -> option(table, r)).collect(Collectors.toCollection(TreeSet::new));
            assertThat(documented).as("options in %s", table.file()).isEqualTo(new TreeSet<>(declared.keySet()));
        }
    }

    @Test
    void everyOptionTableStatesTheDeclaredDefaultAndType() {
        List<String> wrong = new ArrayList<>();
        for (MarkdownTable table : optionTables()) {
            int defaults = table.column("default").orElseThrow();
            for (MarkdownTable.Row row : table.rows()) {
                ProviderConfigProperty property = declared.get(option(table, row));
                if (property == null) {
                    continue;
                }
                // an option with no default (the realm decides) is documented as "none"
                String expectedDefault = property.getDefaultValue() == null ? "none" : "`" + property.getDefaultValue() + "`";
                if (!row.cell(defaults).equals(expectedDefault)) {
                    wrong.add("%s:%d %s default '%s', declared %s".formatted(table.file(), row.line(), property.getName(),
                            row.cell(defaults), expectedDefault));
                }
                table.column("type").ifPresent(type -> {
                    if (!row.cell(type).equals(typeWord(property.getType()))) {
                        wrong.add("%s:%d %s type '%s', declared %s".formatted(table.file(), row.line(), property.getName(),
                                row.cell(type), typeWord(property.getType())));
                    }
                });
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void optionsAreSetThroughTheListenersSpiAndId() {
        String spi = kebab(new EventListenerSpi().getName());
        List<String> wrong = new ArrayList<>();
        int forms = 0;
        for (Path file : docs.markdownFiles()) {
            String text = docs.read(file);
            for (MatchResult cli : SPI_OPTION.matcher(text).results().toList()) {
                forms++;
                check(file, cli.group(), cli.group(1).equals(spi) && cli.group(2).equals(SwitchboardEventListenerFactory.ID)
                        && isOption(cli.group(3)), wrong);
            }
            for (MatchResult env : ENV_OPTION.matcher(text).results().toList()) {
                forms++;
                check(file, env.group(), env.group(1).equals(spi.toUpperCase().replace('-', '_'))
                        && env.group(2).equals(SwitchboardEventListenerFactory.ID.toUpperCase())
                        && isOption(env.group(3).toLowerCase().replace('_', '-')), wrong);
            }
        }
        assertThat(forms).as("the docs show how options are set").isPositive();
        assertThat(wrong).as("option forms that Keycloak would not hand to the extension").isEmpty();
    }

    @Test
    void documentedEndpointsListenerAndRoleAreTheExtensionsOwn() throws ReflectiveOperationException {
        Set<String> endpoints = Stream.of(TransmitterResource.class.getDeclaredMethods())
                .map(m -> m.getAnnotation(jakarta.ws.rs.Path.class)).filter(p -> p != null)
                .map(p -> p.value().replaceAll("^/+", "")).collect(Collectors.toSet());
        assertThat(TransmitterResourceFactory.ID).isEqualTo("switchboard");
        Field roleField = Class.forName("dev.switchboard.keycloak.transmitter.CallerCheck").getDeclaredField("POLLER_ROLE");
        roleField.setAccessible(true);
        String role = (String) roleField.get(null);
        List<String> wrong = new ArrayList<>();
        int mentions = 0;
        for (Path file : docs.markdownFiles()) {
            String text = docs.read(file);
            for (MatchResult endpoint : ENDPOINT.matcher(text).results().toList()) {
                mentions++;
                check(file, endpoint.group(), endpoints.contains(endpoint.group(1)), wrong);
            }
            POLLER_ROLE.matcher(text).results()
                    .forEach(r -> check(file, r.group(), r.group().equals(role), wrong));
            LISTENER_LIST.matcher(text).results().forEach(r -> check(file, r.group(),
                    r.group(1).contains("\"" + SwitchboardEventListenerFactory.ID + "\""), wrong));
        }
        assertThat(mentions).isPositive();
        assertThat(wrong).isEmpty();
    }

    @Test
    void aMisspelledOptionOrEndpointIsCaught() {
        assertThat(isOption("long-poll-wait-seconds")).isFalse();
        assertThat(isOption(SwitchboardConfig.MAX_EVENTS)).isTrue();
        Matcher m = ENDPOINT.matcher("POST /realms/hub/switchboard/replay");
        assertThat(m.find()).isTrue();
        assertThat(Stream.of(TransmitterResource.class.getDeclaredMethods()).map(Method::getName)).doesNotContain(m.group(1));
    }

    private static void check(Path file, String mention, boolean ok, List<String> wrong) {
        if (!ok) {
            wrong.add("docs/%s: %s".formatted(file.getFileName(), mention));
        }
    }

    private static boolean isOption(String name) {
        return name.equals("<option>") || declared.containsKey(name);
    }

    private static List<MarkdownTable> optionTables() {
        return docs.allTables().stream()
                .filter(t -> t.column("option").orElse(-1) == 0 && t.column("default").isPresent())
                .toList();
    }

    private static String option(MarkdownTable table, MarkdownTable.Row row) {
        return MarkdownTable.codeSpan(row.cell(0)).orElseThrow(() -> new AssertionError(
                "%s:%d the option cell must be one code span".formatted(table.file(), row.line())));
    }

    private static String typeWord(String keycloakType) {
        return switch (keycloakType) {
            case ProviderConfigProperty.STRING_TYPE -> "string";
            case ProviderConfigProperty.INTEGER_TYPE -> "integer";
            case ProviderConfigProperty.BOOLEAN_TYPE -> "boolean";
            default -> throw new IllegalStateException("no reference word for Keycloak type " + keycloakType);
        };
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
