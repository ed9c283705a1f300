package dev.switchboard.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly so that
 * Selenium Manager never downloads a browser or driver. Each instance has its own fresh profile
 * directory: two instances are two people with separate cookies.
 */
final class ConsoleBrowser implements AutoCloseable {

    /** A laptop screen: the console must be usable at this size. */
    static final Dimension LAPTOP = new Dimension(1366, 768);
    static final Duration WAIT = Duration.ofSeconds(60);

    private final String name;
    private final ChromeDriver driver;
    private final Path screenshots;
    private final Path profile;

    private ConsoleBrowser(String name, ChromeDriver driver, Path screenshots, Path profile) {
        this.name = name;
        this.driver = driver;
        this.screenshots = screenshots;
        this.profile = profile;
    }

    static ConsoleBrowser start(Path logs, Path screenshots, String name) {
        try {
            Path profile = Files.createTempDirectory("switchboard-chromium-" + name + "-");
            Files.createDirectories(logs);
            Files.createDirectories(screenshots);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(property("console.chromium", "/usr/bin/chromium"));
            options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=%d,%d".formatted(LAPTOP.width, LAPTOP.height)));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(property("console.chromedriver", "/usr/bin/chromedriver")))
                    .withLogFile(logs.resolve("chromedriver-" + name + ".log").toFile())
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new ConsoleBrowser(name, driver, screenshots, profile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a browser profile", e);
        }
    }

    String name() {
        return name;
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Opens the console; the gateway sends the browser to Keycloak's login form, and after the
     * form is submitted, back to the console.
     */
    void signIn(URI console, String username, String password) {
        driver.get(console.toString());
        await().atMost(WAIT).until(() -> !driver.findElements(By.id("username")).isEmpty());
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        await().atMost(WAIT).until(() -> driver.findElement(By.id("who")).getText().contains(username));
    }

    /** Navigates inside the console by its hash route, as clicking a link would (no page load). */
    void route(String hash) {
        driver.executeScript("window.location.hash = arguments[0]", hash);
    }

    /**
     * Clicks an element inside a region the page re-renders every few seconds: found and clicked
     * in one script task, so no refresh can replace it in between (as it could between Selenium's
     * find and click).
     */
    void clickNow(String css) {
        Boolean clicked = (Boolean) driver.executeScript("""
                const element = document.querySelector(arguments[0]);
                if (element) element.click();
                return Boolean(element);
                """, css);
        if (!Boolean.TRUE.equals(clicked)) {
            throw new AssertionError("nothing to click at " + css);
        }
    }

    /** The text of the first element matching {@code css}, read in one script task; null when there is none. */
    String text(String css) {
        return (String) driver.executeScript("return document.querySelector(arguments[0])?.innerText ?? null", css);
    }

    /** An attribute of the first element matching {@code css}, read in one script task; null when there is none. */
    String attribute(String css, String name) {
        return (String) driver.executeScript("return document.querySelector(arguments[0])?.getAttribute(arguments[1]) ?? null", css, name);
    }

    WebElement awaitElement(By by) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(by), WebElement::isDisplayed);
    }

    <T> T awaitValue(Supplier<T> value, java.util.function.Predicate<T> accepted) {
        return await().atMost(WAIT).ignoreExceptions().until(value::get, accepted);
    }

    /**
     * Saves the whole page, not only the laptop-sized viewport, as {@code <name>.png} in the
     * screenshot directory (a test artifact), through the DevTools protocol.
     */
    Path screenshot(String name) {
        try {
            Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth");
            Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove browser profile " + profile + ": " + e);
        }
    }

    private static String property(String name, String fallback) {
        return System.getProperty(name, fallback);
    }
}
