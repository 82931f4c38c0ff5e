package jp.horenso.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console as its people meet it, in one headless Chromium (Debian {@code /usr/bin/chromium} through
 * {@code /usr/bin/chromedriver}) against the real stack and the real Keycloak login page: staff1 files a report
 * through the form (第43条1項) → csirt1's dashboard shows it, and a further report appears without reload →
 * chief1 acknowledges from the inbox (第43条2項) → head1's inbox shows it → csirt1 records a containment step and
 * reports to the CISO (第44条4項) → the CISO accepts (第44条5項). Also: staff1 cannot open the dashboard, the English
 * switch works, and axe-core finds no serious or critical violation on any page. Screenshots go to
 * {@code target/screenshots}.
 */
@ExtendWith(SystemUnderTest.class)
class WebConsoleInBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHOTS = Path.of("target/screenshots").toAbsolutePath();

    private static RunningSystem system;
    private static DemoRealm realm;
    private static ChromeDriver browser;
    private static String console;
    private static String axeSource;
    private static int shot;
    private final List<String> accessibility = new ArrayList<>();

    @BeforeAll
    static void openBrowser(RunningSystem running) throws IOException {
        system = running;
        console = running.consoleUrl();
        realm = new DemoRealm(running.keycloak());
        try (InputStream in = WebConsoleInBrowserTest.class
                .getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(SHOTS);
        // The installed driver and browser only: Selenium Manager would try to download them.
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--window-size=1280,860",
                "--lang=ja",
                "--accept-lang=ja");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ja"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReportTravelsFromTheFormToTheCisoInTheBrowser() {
        // staff1 signs in on the realm's own login page, with its banner, and files through the form.
        String title = "USBメモリの紛失 " + UUID.randomUUID().toString().substring(0, 8);
        signIn("staff1", "/report");
        assertEquals("ja", browser.findElement(By.tagName("html")).getAttribute("lang"));
        checkAccessibility("report form");
        String occurred = LocalDateTime.now(JAPAN)
                .minusHours(1)
                .truncatedTo(ChronoUnit.MINUTES)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        browser.findElement(By.id("title")).sendKeys(title);
        browser.findElement(By.id("description")).sendKeys("会議室に置いたUSBメモリが見当たらない。住民の名簿が入っている。");
        setValue("occurredAt", occurred);
        setValue("discoveredAt", occurred);
        browser.findElement(By.id("system")).sendKeys("USBメモリ（名簿）");
        browser.findElement(By.cssSelector("input[name=personalData][value=yes]"))
                .click();
        browser.findElement(By.id("persons")).sendKeys("120");
        screenshot("report-form");
        System.out.println("[browser] report form filled as staff1");
        browser.findElement(By.id("submit-report")).click();
        String number = waitFor(By.id("case-number")).getText();
        assertTrue(number.matches("DEMO-\\d{4}-\\d{6}"), number);
        checkAccessibility("report received");
        screenshot("report-received");

        // 第43条1項: the staff member follows it in "my reports".
        go("/report/mine");
        waitForText(By.tagName("main"), number);
        checkAccessibility("my reports");

        // The English switch on every page, and back.
        browser.findElement(By.id("lang-switch")).click();
        new WebDriverWait(browser, WAIT)
                .until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("My reports"));
        checkAccessibility("my reports (English)");
        browser.findElement(By.id("lang-switch")).click();
        new WebDriverWait(browser, WAIT)
                .until(d -> "ja".equals(d.findElement(By.tagName("html")).getAttribute("lang")));

        // A staff member cannot open the dashboard: a page says so.
        go("/dashboard");
        WebElement refusal = waitFor(By.id("error-status"));
        assertEquals("403", refusal.getAttribute("data-status"));
        assertTrue(refusal.getText().contains("権限がありません"), refusal.getText());
        checkAccessibility("403 page");
        signOut();

        // csirt1's dashboard shows the case; a further report appears without reloading the page.
        signIn("csirt1", "/dashboard");
        UUID incidentId = UUID.fromString(waitFor(By.cssSelector("tr[data-number='" + number + "'] a"))
                .getAttribute("href")
                .replaceAll(".*/cases/", ""));
        ((JavascriptExecutor) browser).executeScript("window.horensoSamePage = 'still here';");
        String second =
                fileByApi("staff1", "誤送信 " + UUID.randomUUID().toString().substring(0, 8));
        waitFor(By.cssSelector("tr[data-number='" + second + "']"));
        assertEquals(
                "still here",
                ((JavascriptExecutor) browser).executeScript("return window.horensoSamePage;"),
                "the case appeared without a reload");
        checkAccessibility("dashboard");
        // "Immediately" is 30 s in this run: the chief's deadline passes and the row turns red, live, without reload.
        try {
            new WebDriverWait(browser, Duration.ofSeconds(50))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.overdue-row")));
        } catch (org.openqa.selenium.TimeoutException e) {
            System.out.println("[browser] no overdue row yet for the screenshot");
        }
        screenshot("dashboard");
        go("/kpis");
        waitFor(By.id("kpi-charts"));
        checkAccessibility("KPIs");
        screenshot("kpis");
        signOut();

        // chief1 acknowledges from the inbox, with a comment that travels up (第43条2項).
        signIn("chief1", "/inbox");
        waitFor(By.cssSelector("li[data-number='" + number + "']"));
        checkAccessibility("inbox of chief1");
        screenshot("inbox-chief1");
        // Found again just before typing: the live inbox may have been re-rendered meanwhile (another case's event);
        // once the person types in it, it is not replaced.
        String card = "li[data-number='" + number + "'] ";
        waitFor(By.cssSelector(card + "input[name=comment]")).sendKeys("確認しました。部長へ報告します。");
        browser.findElement(By.cssSelector(card + "button.ack")).click();
        waitFor(By.id("inbox-done"));
        signOut();

        // head1's inbox shows it: chief1's acknowledgement forwarded the report.
        signIn("head1", "/inbox");
        awaitOnPage(By.cssSelector("li[data-number='" + number + "']"), "/inbox");
        checkAccessibility("inbox of head1");
        signOut();

        // csirt1 records a containment step and reports to the CISO (第44条3–4項).
        signIn("csirt1", "/cases/" + incidentId);
        waitFor(By.id("case-number"));
        checkAccessibility("case workspace");
        recordAction("CONTAINMENT", "DONE", "USBメモリの利用を停止し、名簿の所在を確認した");
        waitFor(By.cssSelector("#actions-table tr[data-kind='CONTAINMENT']"));
        // The CISO accepts only a report that carries recurrence prevention (第44条5項).
        recordAction("RECURRENCE_PREVENTION", "PLANNED", "USBメモリの持ち出しを許可制にし、暗号化を義務付ける");
        waitFor(By.cssSelector("#actions-table tr[data-kind='RECURRENCE_PREVENTION']"));
        screenshot("case-workspace");
        browser.findElement(By.id("ciso-summary")).sendKeys("封じ込めを完了しました。再発防止策を検討中です。");
        browser.findElement(By.id("send-ciso-report")).click();
        waitFor(By.id("case-done"));
        signOut();

        // The CISO accepts the CSIRT's report (第44条5項).
        signIn("ciso", "/review");
        WebElement queued = waitFor(By.cssSelector("li[data-number='" + number + "']"));
        checkAccessibility("CISO review");
        screenshot("ciso-review");
        queued.findElement(By.cssSelector("button.accept")).click();
        new WebDriverWait(browser, WAIT)
                .until(d -> !d.findElements(By.id("case-done")).isEmpty()
                        || !d.findElements(By.cssSelector(".notice.error")).isEmpty());
        assertTrue(
                browser.findElements(By.cssSelector(".notice.error")).isEmpty(),
                "the CISO's decision was refused: "
                        + browser.findElement(By.tagName("main")).getText());
        assertTrue(
                browser.findElement(By.id("case-state")).getText().contains("承認"),
                browser.findElement(By.id("case-state")).getText());
        signOut();

        assertTrue(
                accessibility.isEmpty(),
                "axe-core found serious or critical violations:\n" + String.join("\n", accessibility));
    }

    /** A response action through the case page's form (第44条3–4項). */
    private void recordAction(String kind, String status, String description) {
        browser.findElement(By.cssSelector("#new-action summary")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("action-kind"))).selectByValue(kind);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("action-status"))).selectByValue(status);
        browser.findElement(By.id("action-description")).sendKeys(description);
        browser.findElement(By.id("action-owner-unit")).sendKeys("general-affairs-section");
        browser.findElement(By.id("save-action")).click();
        waitFor(By.id("case-done"));
    }

    /**
     * 第64条: a person who leaves the console idle is logged off as the realm says. The realm's idle time is
     * shortened for this test (and restored): after it and Keycloak's own grace window (two minutes) have passed
     * without a click, the next page asks for the password again instead of showing the console.
     */
    @Test
    void article58_3_idleConsoleSessionEndsAndTheNextClickAsksForThePasswordAgain() {
        String admin = realm.adminToken();
        Map<String, Object> before = given().auth()
                .oauth2(admin)
                .get(realm.adminUrl())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
        try {
            given().auth()
                    .oauth2(admin)
                    .contentType("application/json")
                    .body(Map.of("ssoSessionIdleTimeout", 10, "accessTokenLifespan", 10))
                    .put(realm.adminUrl())
                    .then()
                    .statusCode(204);
            signIn("staff1", "/report");
            waitFor(By.id("main"));

            // Idle: no click, no request (the report form has no live part).
            Duration idle = Duration.ofSeconds(10 + 120 + 20);
            org.awaitility.Awaitility.await("idle for " + idle)
                    .pollDelay(idle)
                    .atMost(idle.plusSeconds(30))
                    .until(() -> true);

            browser.get(console + "/report");
            WebElement user = waitFor(By.id("username"));
            assertTrue(user.isDisplayed(), "the realm's login page asks again");
            assertTrue(!browser.getCurrentUrl().startsWith(console), "not the console: " + browser.getCurrentUrl());
        } finally {
            given().auth()
                    .oauth2(realm.adminToken())
                    .contentType("application/json")
                    .body(Map.of(
                            "ssoSessionIdleTimeout",
                            before.get("ssoSessionIdleTimeout"),
                            "accessTokenLifespan",
                            before.get("accessTokenLifespan")))
                    .put(realm.adminUrl())
                    .then()
                    .statusCode(204);
            browser.manage().deleteAllCookies();
        }
    }

    /**
     * Issue 12, in the browser: デモ市 and デモ市議会 each see their own cases and organisation name, never the
     * other's — the README's side-by-side screenshots come from here.
     */
    @Test
    void eachOrganisationsDashboardShowsItsOwnCasesOnly() {
        String city = fileByApi(
                "staff1", "庁内LANの不審な通信 " + UUID.randomUUID().toString().substring(0, 8));
        String council = fileByApi(
                "gikai-staff1", "議会資料の誤送信 " + UUID.randomUUID().toString().substring(0, 8));
        assertTrue(city.startsWith("DEMO-"), city);
        assertTrue(council.startsWith("GIKAI-"), council);

        seesOnlyItsOwn("gikai-csirt1", "デモ市議会", council, "DEMO-", city);
        seesOnlyItsOwn("csirt1", "デモ市", city, "GIKAI-", council);
    }

    /** {@code username}'s dashboard names its organisation and shows {@code own}, no case of the other one. */
    private void seesOnlyItsOwn(String username, String organisation, String own, String otherPrefix, String other) {
        signIn(username, "/dashboard");
        waitFor(By.cssSelector("tr[data-number='" + own + "']"));
        assertEquals(organisation, browser.findElement(By.id("organisation")).getText());
        assertTrue(
                browser.findElements(By.cssSelector("tr[data-number^='" + otherPrefix + "']"))
                        .isEmpty(),
                "no case of the other organisation on " + username + "'s dashboard");
        assertFalse(browser.getPageSource().contains(other));
        screenshot("dashboard-" + username);
        signOut();
    }

    private void signIn(String username, String path) {
        browser.get(console + path);
        WebElement user = waitFor(By.id("username"));
        assertTrue(browser.getPageSource().contains("horenso-login-banner"), "the realm's login banner is shown");
        if (shot == 0) {
            screenshot("login");
        }
        user.clear();
        user.sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(username);
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains(console));
        waitFor(By.id("main"));
        assertTrue(browser.findElement(By.id("me")).getText().length() > 0, "signed in as " + username);
    }

    private void signOut() {
        browser.get(console + "/logout");
        new WebDriverWait(browser, WAIT)
                .until(d -> d.getCurrentUrl().contains("/signed-out")
                        || !d.findElements(By.id("kc-logout")).isEmpty());
        if (!browser.findElements(By.id("kc-logout")).isEmpty()) {
            browser.findElement(By.id("kc-logout")).click();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/signed-out"));
        }
        browser.manage().deleteAllCookies();
    }

    private void go(String path) {
        browser.get(console + path);
        waitFor(By.id("main"));
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void waitForText(By by, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** For what another service does a moment later: the page is opened again until it shows. */
    private void awaitOnPage(By by, String path) {
        new WebDriverWait(browser, WAIT, Duration.ofSeconds(3)).until(d -> {
            if (!d.findElements(by).isEmpty()) {
                return true;
            }
            d.get(console + path);
            return !d.findElements(by).isEmpty();
        });
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), value);
    }

    /** A report filed by the API with the person's own token (for the "without reload" check). */
    private String fileByApi(String username, String title) {
        String at = java.time.OffsetDateTime.now(JAPAN)
                .minusMinutes(5)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        return given().auth()
                .oauth2(realm.accessToken(username))
                .contentType("application/json; charset=UTF-8")
                .body(Map.of(
                        "title",
                        title,
                        "description",
                        "宛先を誤ってメールを送信した",
                        "occurredAt",
                        at,
                        "discoveredAt",
                        at,
                        "reporterType",
                        "STAFF"))
                .post(system.incidentUrl() + "/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("number");
    }

    /** axe-core in the page: every serious or critical violation is collected and fails the test at the end. */
    private void checkAccessibility(String page) {
        JavascriptExecutor js = browser;
        js.executeScript(axeSource);
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations))).catch(e => done('ERROR ' + e));");
        String json = String.valueOf(result);
        assertTrue(!json.startsWith("ERROR"), page + ": " + json);
        try {
            for (JsonNode v : JSON.readTree(json)) {
                String impact = v.path("impact").asText();
                if ("serious".equals(impact) || "critical".equals(impact)) {
                    System.out.println("[axe] " + page + ": " + v.path("id").asText() + " " + v.path("nodes"));
                    accessibility.add(page + ": " + v.path("id").asText() + " (" + impact + ") "
                            + v.path("help").asText() + " " + v.path("nodes").size() + " node(s): "
                            + v.path("nodes").path(0).path("html").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void screenshot(String name) {
        try {
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
            byte[] png = browser.getScreenshotAs(OutputType.BYTES);
            Files.write(SHOTS.resolve(String.format("%02d-%s.png", ++shot, name)), png);
        } catch (IOException | RuntimeException e) {
            System.out.println("[browser] screenshot " + name + " failed: " + e);
        }
    }
}
