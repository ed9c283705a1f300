package dev.switchboard.benchmarks.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plain-text table of figures, so a run's output can be pasted into docs/benchmarks.md as is. */
public final class ResultTable {

    private record Row(String metric, String value, String goal, String verdict) {
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();

    public ResultTable(String title) {
        this.title = title;
    }

    /** A measured figure without a goal. */
    public ResultTable add(String metric, String value) {
        rows.add(new Row(metric, value, "", ""));
        return this;
    }

    /** A measured figure with its goal and whether it was met. */
    public ResultTable add(String metric, String value, String goal, boolean met) {
        rows.add(new Row(metric, value, goal, met ? "met" : "MISSED"));
        return this;
    }

    public ResultTable addAll(Map<String, String> settings) {
        settings.forEach(this::add);
        return this;
    }

    public void print(PrintStream out) {
        int w1 = "metric".length();
        int w2 = "value".length();
        int w3 = "goal".length();
        for (Row row : rows) {
            w1 = Math.max(w1, row.metric().length());
            w2 = Math.max(w2, row.value().length());
            w3 = Math.max(w3, row.goal().length());
        }
        String format = "| %-" + w1 + "s | %" + w2 + "s | %-" + w3 + "s | %-7s |%n";
        out.println();
        out.println("### " + title);
        out.println();
        out.printf(format, "metric", "value", "goal", "verdict");
        out.println("|" + "-".repeat(w1 + 2) + "|" + "-".repeat(w2 + 1) + ":|" + "-".repeat(w3 + 2) + "|" + "-".repeat(9) + "|");
        for (Row row : rows) {
            out.printf(format, row.metric(), row.value(), row.goal(), row.verdict());
        }
        out.println();
        out.flush();
    }
}
