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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command in {@code docs/*.md} and the README refers to things that exist: a script or file
 * run by a relative path is in the repository, and a {@code ./mvnw} command's modules ({@code -pl})
 * and named test classes ({@code -Dtest=}, {@code -Dit.test=}) exist. Commands are the lines of
 * shell code blocks (labelled sh, bash, shell or console; an unlabelled block is output or a tree),
 * and inline code that runs {@code ./something} with arguments or a {@code ./...sh} script.
 */
class DocumentedCommandsTest {

    private static final Set<String> SHELL_FENCES = Set.of("sh", "bash", "shell", "console");
    /** Inline code run as a command: {@code ./x} with arguments, or a {@code ./...sh} script. */
    private static final Pattern INLINE = Pattern.compile("`(\\./[^`\\s]+(?:\\s[^`]*|\\.sh))`");
    private static final Pattern SIMPLE_CLASS = Pattern.compile("[A-Z]\\w*");

    private static DocsFolder docs;
    private static Set<String> testClasses;

    record Command(String where, List<String> words) {
    }

    @BeforeAll
    static void read() {
        docs = DocsFolder.locate();
        try (Stream<Path> files = Files.walk(docs.repositoryRoot())) {
            testClasses = files.filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .map(p -> p.getFileName().toString().replace(".java", ""))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyCommandInTheDocsNamesThingsThatExist() {
        List<Command> commands = commands();
        assertThat(commands).as("docs/ show commands").anyMatch(c -> c.words().get(0).equals("./mvnw"));
        List<String> problems = new ArrayList<>();
        commands.forEach(c -> problems.addAll(problems(c)));
        assertThat(problems).isEmpty();
    }

    @Test
    void aCommandNamingAMissingScriptModuleOrTestIsReported() {
        assertThat(problems(new Command("example", List.of("./quickstart-that-is-not-there.sh")))).hasSize(1);
        assertThat(problems(new Command("example", List.of("./mvnw", "-pl", "gateway,no-such-module", "verify")))).hasSize(1);
        assertThat(problems(new Command("example", List.of("./mvnw", "-Dit.test=NoSuchIT", "verify")))).hasSize(1);
        assertThat(problems(new Command("example", List.of("./mvnw", "-pl", "gateway", "-Dtest=SetVerifierTest", "test")))).isEmpty();
        assertThat(problems(new Command("example", List.of("benchmarks/run.sh", "intake")))).isEmpty();
    }

    private static List<String> problems(Command command) {
        List<String> problems = new ArrayList<>();
        String program = command.words().get(0);
        if (runsRepositoryFile(program) && !Files.exists(docs.repositoryRoot().resolve(program))) {
            problems.add("%s: %s is not in the repository".formatted(command.where(), program));
        }
        if (program.endsWith("mvnw")) {
            List<String> words = command.words();
            for (int i = 1; i < words.size(); i++) {
                String word = words.get(i);
                if ((word.equals("-pl") || word.equals("--projects")) && i + 1 < words.size()) {
                    for (String module : words.get(i + 1).split(",")) {
                        if (!Files.isRegularFile(docs.repositoryRoot().resolve(module).resolve("pom.xml"))) {
                            problems.add("%s: module %s does not exist".formatted(command.where(), module));
                        }
                    }
                }
                for (String property : List.of("-Dtest=", "-Dit.test=")) {
                    if (word.startsWith(property)) {
                        for (String test : word.substring(property.length()).split(",")) {
                            String name = test.replaceAll("#.*", "");
                            if (SIMPLE_CLASS.matcher(name).matches() && !testClasses.contains(name)) {
                                problems.add("%s: test class %s does not exist".formatted(command.where(), name));
                            }
                        }
                    }
                }
            }
        }
        return problems;
    }

    /** A relative path to run from the repository (not a build output, a variable or an absolute path). */
    private static boolean runsRepositoryFile(String program) {
        return program.contains("/") && !program.startsWith("/") && !program.startsWith("$") && !program.startsWith("~")
                && !program.contains("target/") && !program.contains("://");
    }

    static List<Command> commands() {
        List<Path> files = new ArrayList<>(docs.markdownFiles());
        files.add(docs.repositoryRoot().resolve("README.md"));
        List<Command> commands = new ArrayList<>();
        for (Path file : files) {
            String[] lines = docs.read(file).split("\n", -1);
            String fence = null;
            StringBuilder pending = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String where = "%s:%d".formatted(docs.repositoryRoot().relativize(file), i + 1);
                if (line.strip().startsWith("```")) {
                    fence = fence == null ? line.strip().substring(3).trim() : null;
                    continue;
                }
                if (fence == null) {
                    Matcher inline = INLINE.matcher(line);
                    while (inline.find()) {
                        addCommands(where, inline.group(1), commands);
                    }
                } else if (SHELL_FENCES.contains(fence)) {
                    String code = line.replaceFirst("^\\s*\\$\\s+", "").replaceFirst("(^|\\s)#.*$", "");
                    if (code.endsWith("\\")) {
                        pending.append(code, 0, code.length() - 1).append(' ');
                        continue;
                    }
                    addCommands(where, pending + code, commands);
                    pending.setLength(0);
                }
            }
        }
        return commands;
    }

    private static void addCommands(String where, String line, List<Command> commands) {
        for (String part : line.split("&&|\\|\\||;|\\|")) {
            List<String> words = new ArrayList<>();
            for (String word : part.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word.replaceAll("^[\"']|[\"']$", ""));
                }
            }
            while (!words.isEmpty() && (words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*") || words.get(0).equals("sudo")
                    || words.get(0).equals("exec") || words.get(0).equals("(") )) {
                words.remove(0);
            }
            if (!words.isEmpty() && words.get(0).equals("flock") && words.size() > 2) {
                words = new ArrayList<>(words.subList(2, words.size()));
            }
            if (!words.isEmpty()) {
                commands.add(new Command(where, words));
            }
        }
    }
}
