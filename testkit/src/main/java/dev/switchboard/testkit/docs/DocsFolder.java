package dev.switchboard.testkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's {@code docs/} folder, found from the working directory of a module's tests
 * (Maven runs them in the module folder, possibly nested) by walking up to the folder that holds
 * {@code mvnw} and {@code docs/}.
 */
public record DocsFolder(Path repositoryRoot) {

    public static DocsFolder locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs"))) {
                return new DocsFolder(dir);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (mvnw + docs/) above " + Path.of("").toAbsolutePath());
    }

    public Path docs() {
        return repositoryRoot.resolve("docs");
    }

    /** Every {@code docs/*.md}, by file name order. */
    public List<Path> markdownFiles() {
        try (Stream<Path> files = Files.list(docs())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tables of one file under {@code docs/}, e.g. {@code configuration.md}. */
    public List<MarkdownTable> tables(String docName) {
        Path file = docs().resolve(docName);
        return MarkdownTable.parse("docs/" + docName, read(file));
    }

    /** Tables of every {@code docs/*.md}. */
    public List<MarkdownTable> allTables() {
        return markdownFiles().stream()
                .flatMap(f -> MarkdownTable.parse("docs/" + f.getFileName(), read(f)).stream())
                .toList();
    }
}
