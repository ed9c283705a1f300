package dev.switchboard.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.proxy.FaultKind;
import dev.switchboard.testkit.proxy.FaultPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser, as an operator uses it: sign in through Keycloak, watch a target
 * go degraded as its app fails, find a person, retry a dead letter and see it delivered; and a
 * viewer who can look but not act. The scenarios build on each other, so they run in order.
 * Screenshots of every page land in {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path logs;
    private static Path screenshots;
    private static ConsoleStack stack;
    private static ConsoleBrowser admin;
    private static ConsoleBrowser viewer;

    /** A failing scenario leaves a picture of what each browser showed at that moment. */
    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            String name = "FAILED-" + context.getRequiredTestMethod().getName();
            for (ConsoleBrowser browser : new ConsoleBrowser[] {admin, viewer}) {
                if (browser != null) {
                    try {
                        browser.screenshot(name + "-" + browser.name());
                    } catch (RuntimeException e) {
                        cause.addSuppressed(e);
                    }
                }
            }
        }
    };

    @BeforeAll
    static void startEverything() throws IOException {
        logs = Path.of(System.getProperty("console.logs", "target/console-logs"));
        screenshots = Path.of(System.getProperty("console.screenshots", "target/screenshots"));
        Files.createDirectories(logs);
        AxeAudit.install(logs.resolve("axe"));
        stack = ConsoleStack.start(Files.createTempDirectory(logs, "stack-"));
        stack.userChanged("u-alice", "alice", "Alice", "Liddell");
        stack.userChanged("u-bob", "bob", "Bob", "Builder");
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void adminSignsInThroughKeycloak_andOverviewShowsEveryTarget() {
        admin = stack.own("admin-browser", ConsoleBrowser.start(logs, screenshots, "admin"));
        admin.signIn(stack.console(), ConsoleRealm.ADMIN, ConsoleRealm.passwordOf(ConsoleRealm.ADMIN));

        assertThat(admin.driver().findElement(By.id("who")).getText()).contains("(admin)");
        admin.awaitValue(() -> admin.text(targetRow(ConsoleStack.WIKI)), text -> text != null && text.contains("Team wiki"));
        admin.awaitValue(() -> admin.text(targetRow(ConsoleStack.DIRECTORY)), text -> text != null && text.contains("Staff directory"));
        // alice and bob reached both apps: each row counts successes in the last hour.
        admin.awaitValue(() -> cell(ConsoleStack.WIKI, 6), text -> text != null && !text.startsWith("0 /"));
        admin.awaitValue(() -> cell(ConsoleStack.DIRECTORY, 6), text -> text != null && !text.startsWith("0 /"));
        assertThat(admin.attribute(targetRow(ConsoleStack.WIKI), "data-state")).isEqualTo("HEALTHY");
        look(admin, "01-overview");
    }

    @Test
    @Order(2)
    void failingApp_turnsItsTargetDegraded_withoutReloadingThePage() {
        admin.route("#/overview");
        admin.awaitValue(() -> admin.text(targetRow(ConsoleStack.WIKI)), text -> text != null);
        admin.driver().executeScript("window.consoleLoadMarker = 'same page'");

        stack.wikiProxy().setPlan(FaultPlan.seeded(5).with(FaultKind.ERROR_503, 1).withRate(1.0));
        stack.userChanged("u-carol", "carol", "Carol", "Danvers");

        admin.awaitValue(() -> admin.attribute(targetRow(ConsoleStack.WIKI), "data-state"), "DEGRADED"::equals);
        // the error in words comes from the per-minute rollup, up to one rollup interval after the state
        admin.awaitValue(() -> admin.text(targetRow(ConsoleStack.WIKI)), text -> text != null && text.contains("answered 503"));
        assertThat(admin.driver().executeScript("return window.consoleLoadMarker")).isEqualTo("same page");
        assertThat(admin.attribute(targetRow(ConsoleStack.DIRECTORY), "data-state")).isEqualTo("HEALTHY");
        look(admin, "02-overview-degraded");
    }

    @Test
    @Order(3)
    void findingAPerson_showsWhereTheyAreProvisioned() {
        admin.route("#/people");
        WebElement query = admin.awaitElement(By.id("people-q"));
        query.sendKeys("ALI");
        query.submit();
        WebElement hit = admin.awaitElement(By.cssSelector("#people-results tr[data-subject-id='u-alice'] a"));
        assertThat(admin.driver().findElements(By.cssSelector("#people-results tr[data-subject-id='u-bob']"))).isEmpty();
        look(admin, "03-people");

        hit.click();
        WebElement directory = admin.awaitElement(By.cssSelector("#person-targets tr[data-target-id='directory']"));
        String remoteId = directory.findElements(By.tagName("td")).get(2).getText();
        assertThat(remoteId).isNotBlank().isNotEqualTo("–");
        assertThat(admin.driver().findElement(By.tagName("h1")).getText()).contains("alice");
        look(admin, "04-person");
    }

    @Test
    @Order(4)
    void deadLetter_retriedFromTheConsole_reachesTheApp() throws Exception {
        admin.route("#/targets/" + ConsoleStack.WIKI);
        admin.awaitValue(() -> admin.text(deadLetterRow("u-carol")), text -> text != null && text.contains("503"));
        assertThat(scimUsers(stack.wikiApp().baseUrl(), stack.wikiApp().token(), "carol")).isEmpty();
        look(admin, "05-target-dead-letter");

        stack.wikiProxy().passThrough();
        admin.clickNow(deadLetterRow("u-carol") + " button.retry");

        admin.awaitValue(() -> admin.text(deadLetterRow("u-carol")) == null, Boolean::booleanValue);
        await().atMost(ConsoleBrowser.WAIT).until(() -> scimUsers(stack.wikiApp().baseUrl(), stack.wikiApp().token(), "carol").size() == 1);
        admin.awaitValue(() -> admin.driver().findElements(By.cssSelector("#attempts tr[data-outcome='ok']")).stream()
                .anyMatch(row -> row.getText().contains("u-carol")), Boolean::booleanValue);
        look(admin, "06-target-after-retry");

        admin.route("#/audit");
        admin.awaitValue(() -> admin.driver().findElement(By.id("audit-list")).getText(),
                text -> text.contains(ConsoleRealm.ADMIN) && text.toLowerCase().contains("retry"));
        look(admin, "07-audit");

        admin.route("#/events");
        admin.awaitValue(() -> admin.driver().findElement(By.id("events-list")).getText(), text -> text.contains("u-carol"));
        look(admin, "08-events");
        WebElement subject = admin.awaitElement(By.id("events-subject"));
        subject.sendKeys("u-bob");
        subject.submit();
        admin.awaitValue(() -> admin.driver().findElement(By.id("events-list")).getText(),
                text -> text.contains("u-bob") && !text.contains("u-carol") && !text.contains("u-alice"));
    }

    @Test
    @Order(5)
    void testConnection_checksTheAppAndWritesNothing() throws Exception {
        int usersBefore = scimUsers(stack.wikiApp().baseUrl(), stack.wikiApp().token(), "").size();
        admin.route("#/targets/" + ConsoleStack.WIKI);
        admin.awaitElement(By.id("test-connection")).click();

        String report = admin.awaitValue(() -> admin.driver().findElement(By.id("connection-result")).getText(),
                text -> text.contains("Connection test"));
        assertThat(report).contains("passed").contains("reachable").contains("auth").contains("serviceProviderConfig");
        assertThat(admin.driver().findElements(By.cssSelector("#connection-result tbody tr"))).hasSize(3);
        assertThat(scimUsers(stack.wikiApp().baseUrl(), stack.wikiApp().token(), "").size()).isEqualTo(usersBefore);
        look(admin, "09-target-test-connection");
    }

    @Test
    @Order(6)
    void viewer_seesNoRetryButton_andAForgedRetryIsRefused() {
        stack.wikiProxy().setPlan(FaultPlan.seeded(6).with(FaultKind.ERROR_503, 1).withRate(1.0));
        stack.userChanged("u-dave", "dave", "Dave", "Lister");

        viewer = stack.own("viewer-browser", ConsoleBrowser.start(logs, screenshots, "viewer"));
        viewer.signIn(stack.console(), ConsoleRealm.VIEWER, ConsoleRealm.passwordOf(ConsoleRealm.VIEWER));
        assertThat(viewer.driver().findElement(By.id("who")).getText()).contains("(viewer)");
        viewer.route("#/targets/" + ConsoleStack.WIKI);
        String taskId = viewer.awaitValue(() -> viewer.attribute(deadLetterRow("u-dave"), "data-task-id"), id -> id != null && !id.isBlank());

        assertThat(viewer.driver().findElements(By.cssSelector("#target-actions button, #dead-letters button, #dead-letters input")))
                .as("no admin control on the page").isEmpty();
        assertThat(viewer.driver().findElement(By.id("target-actions")).getText()).contains("Read-only");
        look(viewer, "10-viewer-target");

        Map<?, ?> withToken = forgedRetry(taskId, true);
        Map<?, ?> withoutToken = forgedRetry(taskId, false);
        assertThat(withToken.get("status")).isEqualTo(403L);
        assertThat(withoutToken.get("status")).isEqualTo(403L);
        assertThat(String.valueOf(withToken.get("contentType"))).contains("problem+json");
        assertThat(viewerGet("/api/v1/delivery/dead-letters?target=" + ConsoleStack.WIKI))
                .as("the dead letter is still there").contains("u-dave");
        stack.wikiProxy().passThrough();
    }

    @Test
    @Order(7)
    void provisionNow_deliversOnePersonAndShowsEachStep() throws Exception {
        admin.route("#/people/%s/u-dave".formatted(ConsoleStack.SOURCE));
        admin.awaitElement(By.cssSelector("#person-targets tr[data-target-id='wiki']"));
        assertThat(scimUsers(stack.wikiApp().baseUrl(), stack.wikiApp().token(), "dave")).isEmpty();

        admin.awaitElement(By.id("provision-now")).click();

        WebElement wiki = admin.awaitElement(By.cssSelector("#provision-result div[data-target-id='wiki']"));
        assertThat(wiki.getText()).contains("Team wiki").contains("done").contains("POST /Users").contains("201");
        assertThat(scimUsers(stack.wikiApp().baseUrl(), stack.wikiApp().token(), "dave")).hasSize(1);
        admin.awaitValue(() -> admin.driver().findElement(By.cssSelector("#person-targets tr[data-target-id='wiki']")).getText(),
                text -> text.contains("active"));
        look(admin, "11-person-provision-now");
    }

    /** Saves a screenshot of the page, then holds it to WCAG 2.1 AA (axe-core): a page with a violation fails its scenario. */
    private static void look(ConsoleBrowser browser, String name) {
        browser.screenshot(name);
        assertThat(AxeAudit.violations(browser.driver())).as("accessibility violations on " + name).isEmpty();
    }

    /** The viewer's own browser, session cookie and CSRF token, calling the API as a hand-written script would. */
    private static Map<?, ?> forgedRetry(String taskId, boolean sendCsrfToken) {
        return (Map<?, ?>) viewer.driver().executeAsyncScript("""
                const [taskId, sendToken, done] = arguments;
                fetch('/api/v1/me').then(r => r.json()).then(me => fetch('/api/v1/delivery/dead-letters/' + taskId + '/retry', {
                    method: 'POST', headers: sendToken ? { 'X-Switchboard-CSRF': me.csrfToken } : {} }))
                  .then(r => done({ status: r.status, contentType: r.headers.get('content-type') }))
                  .catch(e => done({ status: -1, contentType: String(e) }));
                """, taskId, sendCsrfToken);
    }

    private static String viewerGet(String path) {
        return String.valueOf(viewer.driver().executeAsyncScript("""
                const [path, done] = arguments;
                fetch(path).then(r => r.text()).then(done).catch(e => done(String(e)));
                """, path));
    }

    private static String targetRow(String targetId) {
        return "#overview-table tr[data-target-id='%s']".formatted(targetId);
    }

    private static String deadLetterRow(String subjectId) {
        return "#dead-letters tr[data-subject-id='%s']".formatted(subjectId);
    }

    private static String cell(String targetId, int column) {
        return admin.text(targetRow(targetId) + " td:nth-child(%d)".formatted(column));
    }

    /** Reads the app directly (not through the gateway): the users named {@code userName}, or all when blank. */
    private static List<JsonNode> scimUsers(URI base, String token, String userName) throws IOException, InterruptedException {
        String query = userName.isBlank() ? "?count=1000"
                : "?filter=" + URLEncoder.encode("userName eq \"%s\"".formatted(userName), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/Users" + query))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> users = new java.util.ArrayList<>();
        JSON.readTree(response.body()).path("Resources").forEach(users::add);
        return users;
    }
}
