package dev.switchboard.testkit.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pipe table of a Markdown file: its header cells and its rows, cells trimmed. Rows keep their
 * line number so a failing check can point at the line to fix.
 */
public record MarkdownTable(String file, List<String> header, List<Row> rows) {

    private static final Pattern SEPARATOR = Pattern.compile("^\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    public record Row(int line, List<String> cells) {

        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }
    }

    /** Column index of a header cell, compared case-insensitively. */
    public Optional<Integer> column(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** {@code `a`} gives {@code a}; anything that is not exactly one code span gives empty. */
    public static Optional<String> codeSpan(String cell) {
        Matcher m = CODE_SPAN.matcher(cell.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Every table of a Markdown text; fenced code blocks are skipped. */
    public static List<MarkdownTable> parse(String file, String markdown) {
        List<MarkdownTable> tables = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean inFence = false;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
                i++;
                continue;
            }
            if (!inFence && isRow(line) && i + 1 < lines.length && SEPARATOR.matcher(lines[i + 1].strip()).matches()) {
                List<String> header = cells(line);
                List<Row> rows = new ArrayList<>();
                i += 2;
                while (i < lines.length && isRow(lines[i])) {
                    rows.add(new Row(i + 1, cells(lines[i])));
                    i++;
                }
                tables.add(new MarkdownTable(file, header, rows));
                continue;
            }
            i++;
        }
        return tables;
    }

    private static boolean isRow(String line) {
        return line.strip().startsWith("|");
    }

    /** Splits on pipes that are not escaped ({@code \|}) and not inside a code span. */
    private static List<String> cells(String line) {
        String s = line.strip();
        s = s.substring(1, s.endsWith("|") && s.length() > 1 ? s.length() - 1 : s.length());
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inCode = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`') {
                inCode = !inCode;
            }
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|' && !inCode) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }
}
