package jp.horenso.publicsite.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The public site in a real browser: Debian's Chromium driven by its chromedriver, headless (Selenium Manager is never
 * asked for anything: both paths are given). A published disclosure appears, a draft does not, and axe-core finds no
 * serious or critical accessibility violation on the pages.
 */
@QuarkusTest
@QuarkusTestResource(StubIncidentService.class)
class PublicSiteBrowserTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static WebDriver browser;

    @TestHTTPResource("/")
    URL site;

    @BeforeAll
    static void startBrowser() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--lang=ja",
                "--window-size=1000,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void article43_5_aPublishedDisclosureAppearsAndADraftDoesNot() throws IOException {
        browser.get(site + "demo-city/");
        String page = browser.findElement(By.tagName("main")).getText();
        assertTrue(page.contains(StubIncidentService.PUBLISHED_TITLE), page);
        assertFalse(page.contains(StubIncidentService.DRAFT_TITLE), "a draft is never shown");
        assertEquals("ja", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertNoSeriousViolation("list");
        screenshot("public-site-list-ja.png");

        browser.findElement(By.linkText(StubIncidentService.PUBLISHED_TITLE)).click();
        String disclosure = browser.findElement(By.tagName("main")).getText();
        assertTrue(disclosure.contains(StubIncidentService.PUBLISHED_BODY));
        assertTrue(disclosure.contains(StubIncidentService.MEASURE), "the follow-up's recurrence prevention");
        assertNoSeriousViolation("disclosure");
        screenshot("public-site-disclosure-ja.png");

        browser.findElement(By.linkText("English")).click();
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains(StubIncidentService.PUBLISHED_TITLE_EN));
        assertNoSeriousViolation("disclosure in English");

        browser.get(site + "demo-city/disclosures/3");
        assertFalse(browser.getPageSource().contains(StubIncidentService.DRAFT_TITLE));
        assertNoSeriousViolation("not found");
    }

    /** Runs axe-core in the page and fails on any violation of impact serious or critical. */
    private void assertNoSeriousViolation(String which) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axeSource());
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));");
        String json = String.valueOf(result);
        assertFalse(json.startsWith("error"), json);
        JsonNode violations = new ObjectMapper().readTree(json);
        List<String> serious = new ArrayList<>();
        for (JsonNode v : violations) {
            String impact = v.path("impact").asText();
            if ("serious".equals(impact) || "critical".equals(impact)) {
                serious.add(v.path("id").asText() + " (" + impact + "): "
                        + v.path("help").asText());
            }
        }
        assertTrue(serious.isEmpty(), which + ": " + serious);
    }

    /** Keeps what the browser showed, for the pictures in the docs (target/site-samples/). */
    private static void screenshot(String name) throws IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "site-samples");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(
                dir.resolve(name),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private static String axeSource() throws IOException {
        try (InputStream in = PublicSiteBrowserTest.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
