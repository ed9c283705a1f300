package dev.switchboard.console;

import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs axe-core (Deque's accessibility engine, from npm, pinned) inside the page the browser shows:
 * the WCAG 2.1 level A and AA rules, colour contrast included. The console must pass with no
 * violation at all, for admins and viewers alike.
 */
final class AxeAudit {

    static final String VERSION = "4.14.1";
    private static final String RULES = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

    private static String source;

    private AxeAudit() {
    }

    /** Installs axe-core with npm into {@code dir} the first time (npm's cache makes later runs offline-fast). */
    static synchronized void install(Path dir) {
        if (source != null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"),
                    "{\"name\":\"console-axe\",\"private\":true,\"dependencies\":{\"axe-core\":\"%s\"}}".formatted(VERSION));
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm-install.log").toFile())
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install axe-core did not finish within 5 minutes; see " + dir.resolve("npm-install.log"));
            }
            if (npm.exitValue() != 0) {
                throw new IllegalStateException("npm install axe-core failed; see " + dir.resolve("npm-install.log"));
            }
            source = Files.readString(dir.resolve("node_modules/axe-core/axe.min.js"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install axe-core into " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing axe-core", e);
        }
    }

    /** Each violation as "impact rule-id: help @ first elements", empty when the page passes. */
    static List<String> violations(ChromeDriver driver) {
        if (source == null) {
            throw new IllegalStateException("AxeAudit.install must run first");
        }
        driver.executeScript(source);
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: %s } })
                  .then(r => done(r.violations.map(v => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)))
                  .catch(e => done(['axe failed: ' + e]));
                """.formatted(RULES));
        return ((List<?>) result).stream().map(String::valueOf).toList();
    }
}
