package dev.switchboard.gateway.docs;

import dev.switchboard.testkit.docs.DocsFolder;
import dev.switchboard.testkit.docs.MarkdownTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} against the code, both ways: every property the gateway reads is in
 * the reference with its type and default, and everything the reference (or any other page under
 * {@code docs/}) names exists. Nothing here is a list kept by hand: the gateway's properties come
 * from SmallRye Config's mapping metadata of every {@code @ConfigMapping} interface, the Quarkus
 * ones from Quarkus' own configuration model, the shipped values from {@code application.properties}.
 */
class ConfigurationReferenceTest {

    private static final String REFERENCE = "configuration.md";
    private static final Pattern NAMED_PROPERTY = Pattern.compile("(?<![\\w.$/-])(?:switchboard|quarkus)\\.[a-z0-9<>\"*._-]*[a-z0-9>\"*.]");

    private static DocsFolder docs;
    private static List<Class<?>> classes;
    private static Map<String, CodeProperty> code;
    /** Documented gateway property → its table row. */
    private static Map<String, MarkdownTable.Row> documented;

    @BeforeAll
    static void read() {
        docs = DocsFolder.locate();
        classes = GatewayClasses.all();
        code = CodeConfiguration.mappedProperties(classes, "switchboard.");
        documented = new LinkedHashMap<>();
        for (MarkdownTable table : gatewayTables()) {
            for (MarkdownTable.Row row : table.rows()) {
                documented.put(name(table, row), row);
            }
        }
    }

    @Test
    void everyPropertyTheGatewayReadsIsInTheReference() {
        assertThat(code).as("the code declares properties (scan found the @ConfigMapping interfaces)").isNotEmpty();
        Set<String> missing = new TreeSet<>(code.keySet());
        missing.removeAll(documented.keySet());
        assertThat(missing).as("properties in code but not in docs/%s", REFERENCE).isEmpty();
    }

    @Test
    void everyPropertyInTheReferenceExistsInCode() {
        Set<String> unknown = new TreeSet<>(documented.keySet());
        unknown.removeAll(code.keySet());
        assertThat(unknown).as("properties in docs/%s that no @ConfigMapping declares", REFERENCE).isEmpty();
    }

    @Test
    void referenceStatesTypeAndDefaultAsTheCodeDeclaresThem() {
        List<String> wrong = new ArrayList<>();
        for (CodeProperty property : code.values()) {
            MarkdownTable.Row row = documented.get(property.name());
            if (row == null) {
                continue;
            }
            if (!row.cell(1).equals(property.type())) {
                wrong.add("line %d: %s type is '%s', code says '%s'".formatted(row.line(), property.name(), row.cell(1), property.type()));
            }
            if (!row.cell(2).equals(property.documentedDefault())) {
                wrong.add("line %d: %s default is '%s', code says '%s'".formatted(row.line(), property.name(), row.cell(2),
                        property.documentedDefault()));
            }
            if (row.cell(3).isBlank()) {
                wrong.add("line %d: %s has no meaning".formatted(row.line(), property.name()));
            }
        }
        assertThat(wrong).as("rows of docs/%s that disagree with the code", REFERENCE).isEmpty();
    }

    @Test
    void propertiesReadOutsideMappingsAreMappedWithTheSameDefault() {
        List<String> wrong = new ArrayList<>();
        for (CodeConfiguration.ExtraRead read : CodeConfiguration.extraReads(classes, "switchboard.")) {
            CodeProperty mapped = code.get(read.name());
            if (mapped == null) {
                wrong.add("%s reads %s, which no @ConfigMapping declares (so the reference cannot list it)".formatted(read.readBy(), read.name()));
            } else if (read.defaultValue().isPresent() && !read.defaultValue().equals(mapped.defaultValue())) {
                wrong.add("%s falls back to %s for %s, the mapping's default is %s"
                        .formatted(read.readBy(), read.defaultValue().get(), read.name(), mapped.defaultValue().orElse("none")));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void quarkusPropertiesInTheReferenceExistWithTheValuesShipped() {
        QuarkusConfigModel model = QuarkusConfigModel.load();
        ApplicationProperties shipped = ApplicationProperties.read(
                docs.repositoryRoot().resolve(Path.of("gateway", "src", "main", "resources", "application.properties")));
        List<MarkdownTable> tables = docs.tables(REFERENCE).stream()
                .filter(t -> t.column("property").isPresent() && t.column("when").isPresent()).toList();
        assertThat(tables).as("docs/%s has a Quarkus table (property | when | embedded (H2) | PostgreSQL build | meaning)", REFERENCE)
                .isNotEmpty();
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        for (MarkdownTable table : tables) {
            for (MarkdownTable.Row row : table.rows()) {
                rows++;
                String name = name(table, row);
                Optional<QuarkusConfigModel.QuarkusProperty> property = model.find(name);
                if (property.isEmpty()) {
                    wrong.add("line %d: %s is not a Quarkus property of this build".formatted(row.line(), name));
                    continue;
                }
                String when = property.get().buildTime() ? "build" : "run";
                if (!row.cell(1).equals(when)) {
                    wrong.add("line %d: %s is fixed at '%s' time, the reference says '%s'".formatted(row.line(), name, when, row.cell(1)));
                }
                compareShipped(row, 2, name, shipped.value("", name), property.get(), wrong);
                compareShipped(row, 3, name, shipped.value("pg", name), property.get(), wrong);
            }
        }
        assertThat(rows).isPositive();
        assertThat(wrong).as("Quarkus rows of docs/%s", REFERENCE).isEmpty();
    }

    @Test
    void anEnumPropertyIsDocumentedByItsValues() {
        assertThat(CodeConfiguration.enumWord(ChronoUnit.class)).startsWith("one of nanos, micros, millis");
    }

    @Test
    void quarkusModelKnowsBuildTimeOnlySettingsAndRefusesInventedOnes() {
        QuarkusConfigModel model = QuarkusConfigModel.load();
        assertThat(model.find("quarkus.jib.base-jvm-image")).hasValueSatisfying(p -> assertThat(p.buildTime()).isTrue());
        assertThat(model.find("quarkus.http.port")).hasValueSatisfying(p -> assertThat(p.buildTime()).isFalse());
        assertThat(model.find("quarkus.http.prot")).isEmpty();
    }

    @Test
    void everyPropertyNamedAnywhereInTheDocsExists() {
        QuarkusConfigModel model = QuarkusConfigModel.load();
        Set<String> namespaces = code.keySet().stream().map(n -> n.split("\\.")[1]).collect(Collectors.toSet());
        // a name, or a prefix of one ("switchboard.sources.hub"), may be named
        List<Pattern> codePatterns = code.keySet().stream().flatMap(ConfigurationReferenceTest::prefixes).distinct()
                .map(ConfigurationReferenceTest::pattern).toList();
        List<String> unknown = new ArrayList<>();
        for (Path file : docs.markdownFiles()) {
            String text = docs.read(file).replaceAll("%[\\w-]+\\.", "");
            Matcher m = NAMED_PROPERTY.matcher(text);
            while (m.find()) {
                String token = m.group();
                if (token.startsWith("quarkus.") && (token.endsWith(".") || token.endsWith(".*"))) {
                    continue;
                }
                String name = token.replaceAll("\\.\\*?$", "");
                boolean known;
                if (name.startsWith("quarkus.")) {
                    known = model.find(name).isPresent() || model.isPrefix(name);
                } else if (name.split("\\.").length < 2 || !namespaces.contains(name.split("\\.")[1])) {
                    continue; // not a gateway setting (a Java package, a test-only system property)
                } else {
                    // "<property>" in a documented name stands for any segment
                    Pattern withPlaceholders = Pattern.compile(Pattern.quote(name).replaceAll("<[^>]+>", "\\\\E[^.]+\\\\Q"));
                    known = codePatterns.stream().anyMatch(p -> p.matcher(name).matches())
                            || code.keySet().stream().flatMap(ConfigurationReferenceTest::prefixes)
                                    .anyMatch(c -> withPlaceholders.matcher(c).matches());
                }
                if (!known) {
                    unknown.add("docs/%s: %s".formatted(file.getFileName(), token));
                }
            }
        }
        assertThat(unknown).as("property names in docs/ that the gateway does not have").isEmpty();
    }

    private static void compareShipped(MarkdownTable.Row row, int column, String name, Optional<String> shipped,
                                       QuarkusConfigModel.QuarkusProperty property, List<String> wrong) {
        String expected = shipped.or(property::defaultValue).map(v -> v.isEmpty() ? "empty" : "`" + v + "`").orElse("unset");
        if (!row.cell(column).equals(expected)) {
            wrong.add("line %d: %s column %d says '%s', the build has %s".formatted(row.line(), name, column + 1, row.cell(column), expected));
        }
    }

    private static Stream<String> prefixes(String name) {
        String[] segments = name.split("\\.");
        return IntStream.rangeClosed(2, segments.length)
                .mapToObj(n -> String.join(".", Arrays.copyOf(segments, n)));
    }

    /** {@code switchboard.sources.<name>.issuer} matches {@code switchboard.sources.hub.issuer}. */
    private static Pattern pattern(String codeName) {
        return Pattern.compile(Pattern.quote(codeName).replace("<name>", "\\E[^.]+\\Q"));
    }

    private static List<MarkdownTable> gatewayTables() {
        return docs.tables(REFERENCE).stream()
                .filter(t -> t.header().size() == 4 && t.column("property").orElse(-1) == 0
                        && t.column("type").orElse(-1) == 1 && t.column("default").orElse(-1) == 2)
                .toList();
    }

    private static String name(MarkdownTable table, MarkdownTable.Row row) {
        return MarkdownTable.codeSpan(row.cell(0)).orElseThrow(() -> new AssertionError(
                "%s line %d: the property cell must be one code span, was '%s'".formatted(table.file(), row.line(), row.cell(0))));
    }
}
