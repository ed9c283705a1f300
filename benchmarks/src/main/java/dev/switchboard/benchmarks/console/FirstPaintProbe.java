package dev.switchboard.benchmarks.console;

import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Loads the console's overview in Debian's headless Chromium and reads the browser's own clocks:
 * the Paint Timing entries ({@code first-paint}, {@code first-contentful-paint}) and the mark the
 * overview sets once its first data is on screen. All times are milliseconds from navigation start.
 */
final class FirstPaintProbe implements AutoCloseable {

    /** Set by console/js/pages/overview.js when the first rows are rendered. */
    static final String DATA_SHOWN_MARK = "switchboard:overview-data-shown";

    /** One page load. {@code rows} is how many target rows the overview showed. */
    record Sample(double firstPaintMs, double firstContentfulPaintMs, double dataShownMs, long rows) {
    }

    private static final String READ_TIMINGS = """
            const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
            const shown = performance.getEntriesByName(arguments[0])[0];
            return [paint['first-paint'] ?? -1, paint['first-contentful-paint'] ?? -1, shown.startTime,
                    document.querySelectorAll('#overview-table tbody tr').length];
            """;

    private final ChromeDriver driver;
    private final Path profile;

    private FirstPaintProbe(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh profile (empty cache), laptop-sized window, nothing fetched by the browser on its own. */
    static FirstPaintProbe start(String chromium, String chromedriver) {
        try {
            Path profile = Files.createTempDirectory("sb-bench-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            // get() returns at once; the probe waits for the overview's own mark instead of the load event
            options.setPageLoadStrategy(PageLoadStrategy.NONE);
            options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1366,768"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(chromedriver))
                    .build();
            return new FirstPaintProbe(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile", e);
        }
    }

    /** Navigates away, then to the console, and waits (up to {@code limit}) for the overview's data. */
    Sample load(URI console, Duration limit) {
        driver.get("about:blank");
        driver.get(console.toString());
        new WebDriverWait(driver, limit).until(d -> (Boolean) driver.executeScript(
                "return performance.getEntriesByName(arguments[0]).length > 0", DATA_SHOWN_MARK));
        List<?> values = (List<?>) driver.executeScript(READ_TIMINGS, DATA_SHOWN_MARK);
        return new Sample(number(values.get(0)), number(values.get(1)), number(values.get(2)), ((Number) values.get(3)).longValue());
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    /** Quits the browser; one that no longer answers is killed by its process id, with its children. */
    @Override
    public void close() {
        Object pid = driver.getCapabilities().getCapability("goog:processID");
        try {
            driver.quit();
        } catch (RuntimeException e) {
            System.err.println("browser did not quit (" + e.getMessage().lines().findFirst().orElse("") + "), killing pid " + pid);
            if (pid instanceof Number number) {
                ProcessHandle.of(number.longValue()).ifPresent(browser -> {
                    browser.descendants().forEach(ProcessHandle::destroyForcibly);
                    browser.destroyForcibly();
                });
            }
        }
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove browser profile " + profile + ": " + e);
        }
    }
}
