package jp.horenso.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.localstack.ChildProcess;
import jp.horenso.localstack.LocalStack;
import jp.horenso.localstack.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The login rules of 鹿沼市 情報セキュリティ対策基準 第58条 and 第64条 on the real Keycloak of the run, the real console
 * and a real browser (issue 14):
 *
 * <ul>
 *   <li>第58条(2) lock-out: a dedicated user, created here through the admin REST API (so that no other test ever
 *       meets a locked account), is locked after the realm's 5 failures; the token endpoint and the console's login
 *       then refuse even the right password, the services answer a caller without a valid token 401 problem+json, and
 *       after an administrator's release ({@code DELETE …/attack-detection/brute-force/users/{id}}) the password works
 *       again.
 *   <li>第58条(3) idle log-off: a second console of the same system, started here with a 40-second idle time-out (the
 *       shared console keeps its 30 minutes for the other tests), warns 20 seconds before, logs the idle person off
 *       (console and Keycloak session), and the next page asks for the password again; a person who keeps working is
 *       not logged off; and without any script on the page the server alone logs off a request after the time-out.
 *   <li>第58条(4), 第64条 log-in record: a log-in, a failed log-in and a log-out of the dedicated user appear in the
 *       console's export ({@code /admin/login-events/export.csv}) for デモ市's auditor and security lead, and never
 *       for デモ市議会's.
 * </ul>
 */
@ExtendWith(SystemUnderTest.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityOnRealKeycloakTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The idle console's time-out and warning: short, so that the browser can watch them. */
    private static final Duration IDLE = Duration.ofSeconds(40);

    private static final Duration IDLE_WARNING = Duration.ofSeconds(20);

    private static RunningSystem system;
    private static DemoRealm realm;
    private static ChromeDriver browser;
    private static String console;
    private static String probe;
    private static String probePassword;
    private static String probeId;
    private static ChildProcess idleConsole;
    private static String idleConsoleUrl;

    @BeforeAll
    static void start(RunningSystem running) {
        system = running;
        realm = new DemoRealm(running.keycloak());
        console = running.consoleUrl();
        probe = "identity-probe-" + UUID.randomUUID().toString().substring(0, 8);
        probePassword = "probe-" + UUID.randomUUID();
        probeId = createProbeUser();
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
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .usingAnyFreePort()
                        .build(),
                options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (idleConsole != null) {
            idleConsole.close();
        }
        if (probeId != null) {
            given().auth().oauth2(realm.adminToken()).delete(realm.adminUrl() + "/users/" + probeId);
        }
    }

    /** デモ市's staff member made for this class only: locking them out touches no other test. */
    private static String createProbeUser() {
        String admin = realm.adminToken();
        Response created = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username",
                        probe,
                        "enabled",
                        true,
                        "email",
                        probe + "@" + DemoRealm.MAIL_DOMAIN,
                        "emailVerified",
                        true,
                        "firstName",
                        "検証 太郎",
                        "lastName",
                        "総務",
                        "attributes",
                        Map.of(
                                "organisation", List.of("demo-city"),
                                "department", List.of("general-affairs"),
                                "unit", List.of("general-affairs-section")),
                        "credentials",
                        List.of(Map.of("type", "password", "value", probePassword, "temporary", false))))
                .post(realm.adminUrl() + "/users");
        assertEquals(201, created.statusCode(), created.asString());
        String location = created.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        Map<String, Object> staff = given().auth()
                .oauth2(admin)
                .get(realm.adminUrl() + "/roles/staff")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(List.of(staff))
                .post(realm.adminUrl() + "/users/" + id + "/role-mappings/realm")
                .then()
                .statusCode(204);
        return id;
    }

    @Test
    @Order(1)
    void article58_2_fiveFailuresLockTheUserOutOfTheTokenEndpointAndTheConsoleUntilAnAdministratorReleasesThem() {
        String lockStatus = realm.adminUrl() + "/attack-detection/brute-force/users/" + probeId;
        Response before = realm.passwordGrant(probe, probePassword);
        assertEquals(200, before.statusCode(), before.asString());
        String refreshBefore = before.jsonPath().getString("refresh_token");
        try {
            for (int i = 0; i < 5; i++) {
                Response refused = realm.passwordGrant(probe, "wrong-" + i);
                // RFC 6749 5.2: invalid_grant is a 400 at the token endpoint.
                assertEquals(400, refused.statusCode(), "a wrong password: " + refused.asString());
                assertEquals("invalid_grant", refused.jsonPath().getString("error"));
                // Beyond the realm's quick-login check (1 s), so that only the failure count matters.
                sleep(1_200);
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertTrue(
                            given().auth()
                                    .oauth2(realm.adminToken())
                                    .get(lockStatus)
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .getBoolean("disabled"),
                            probe + " is locked"));

            // The token endpoint: the right password is refused like a wrong one (nothing tells an attacker it was
            // right).
            Response locked = realm.passwordGrant(probe, probePassword);
            System.out.println("[identity] locked user, right password, token endpoint: " + locked.statusCode() + " "
                    + locked.asString());
            assertEquals(400, locked.statusCode(), locked.asString());
            assertEquals("Invalid user credentials", locked.jsonPath().getString("error_description"), "as if wrong");
            assertEquals("invalid_grant", locked.jsonPath().getString("error"));
            assertNull(locked.jsonPath().getString("access_token"));
            // Keycloak's lock-out stops log-ins, not sessions that exist: a session from before the lock is still
            // refreshed (deploy/keycloak/README.md). The administrator ends them: "sign out" of the user's sessions.
            Response refresh = refresh(refreshBefore);
            System.out.println(
                    "[identity] locked user, refresh of a session from before the lock: " + refresh.statusCode());
            assertEquals(200, refresh.statusCode(), "documented: the lock-out does not end existing sessions");
            given().auth()
                    .oauth2(realm.adminToken())
                    .post(realm.adminUrl() + "/users/" + probeId + "/logout")
                    .then()
                    .statusCode(204);
            Response ended = refresh(refresh.jsonPath().getString("refresh_token"));
            System.out.println("[identity] after the administrator signed the user out, refresh: " + ended.statusCode()
                    + " " + ended.jsonPath().getString("error"));
            assertEquals(400, ended.statusCode(), "no session left to refresh");
            assertEquals("invalid_grant", ended.jsonPath().getString("error"));

            // An access token issued before the lock: the services check tokens offline, so it works until it expires.
            int withOldToken = given().auth()
                    .oauth2(before.jsonPath().getString("access_token"))
                    .get(system.incidentUrl() + "/api/incidents")
                    .statusCode();
            System.out.println("[identity] locked user, access token from before the lock, incident-service: "
                    + withOldToken + " (expires " + before.jsonPath().getInt("expires_in") + " s after issue)");

            // Our services: without a valid token, 401 problem+json (a locked user cannot get one).
            for (String authorization : new String[] {null, "Bearer not-a-token-of-" + probe}) {
                var request = given().accept("application/json");
                if (authorization != null) {
                    request = request.header("Authorization", authorization);
                }
                Response answer = request.get(system.incidentUrl() + "/api/incidents");
                assertEquals(401, answer.statusCode(), answer.asString());
                assertTrue(
                        String.valueOf(answer.contentType()).startsWith("application/problem+json"),
                        "problem+json: " + answer.contentType() + " " + answer.asString());
                assertEquals(401, answer.jsonPath().getInt("status"));
            }

            // The console's login (the realm's own page): the right password is refused, the person stays there.
            browser.manage().deleteAllCookies();
            browser.get(console + "/report");
            typeCredentials(probe, probePassword);
            String error = new WebDriverWait(browser, WAIT)
                    .until(
                            d -> d
                                    .findElements(
                                            By.cssSelector("[id^='input-error'], .kc-feedback-text, .alert-error"))
                                    .stream()
                                    .filter(WebElement::isDisplayed)
                                    .map(WebElement::getText)
                                    .filter(t -> !t.isBlank())
                                    .findFirst()
                                    .orElse(null));
            System.out.println("[identity] locked user, console login: " + error);
            assertTrue(browser.getCurrentUrl().startsWith(realm.realmUrl()), "still on the login page");
            assertFalse(browser.findElements(By.id("password")).isEmpty(), "the password is asked again");
        } finally {
            given().auth().oauth2(realm.adminToken()).delete(lockStatus).then().statusCode(204);
        }

        // Released by an administrator: the token endpoint and the console take the password again.
        assertFalse(given().auth()
                .oauth2(realm.adminToken())
                .get(lockStatus)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getBoolean("disabled"));
        assertEquals(200, realm.passwordGrant(probe, probePassword).statusCode());
        browser.manage().deleteAllCookies();
        signIn(console, probe, probePassword, "/report");
        assertTrue(browser.getCurrentUrl().startsWith(console + "/report"), browser.getCurrentUrl());
        assertFalse(browser.findElement(By.id("me")).getText().isBlank(), "signed in");
        signOut(console);
    }

    @Test
    @Order(2)
    void article58_4_article64_aLogInAFailedLogInAndALogOutAppearInTheOrganisationsExportOnly() {
        long started = System.currentTimeMillis();
        Response login = realm.passwordGrant(probe, probePassword);
        assertEquals(200, login.statusCode(), login.asString());
        given().contentType(ContentType.URLENC)
                .formParam("client_id", DemoRealm.CLIENT)
                .formParam("refresh_token", login.jsonPath().getString("refresh_token"))
                .post(realm.realmUrl() + "/protocol/openid-connect/logout")
                .then()
                .statusCode(204);
        assertEquals(400, realm.passwordGrant(probe, "wrong-once").statusCode());
        // The council's auditor logs in too: their own export must show it (the control that the export shows
        // anything).
        String gikaiAuditor = realm.accessToken("gikai-auditor");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String csv = export(realm.accessToken("auditor"));
            assertTrue(csv.startsWith("\uFEFF日時（日本時間） / Time (Japan),種別 / Type"), csv);
            for (String row : List.of(
                    ",LOGIN,ログイン," + probe + ",horenso-cli,",
                    ",LOGOUT,ログアウト," + probe + ",horenso-cli,",
                    ",LOGIN_ERROR,ログイン失敗," + probe + ",horenso-cli,")) {
                assertTrue(csv.contains(row), "デモ市's export has " + row + ":\n" + csv);
            }
            assertTrue(
                    csv.contains(",LOGIN_ERROR,ログイン失敗," + probe + ",horenso-cli,")
                            && csv.contains("invalid_user_credentials"),
                    "the failure's reason");
            assertTrue(csv.contains("user_temporarily_disabled"), "the refusals while locked (test 1) are recorded");
            assertFalse(csv.contains(",gikai-"), "no デモ市議会 person in デモ市's export");
        });
        String html = given().auth()
                .oauth2(realm.accessToken("seclead"))
                .get(console + "/admin/login-events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("<td>" + probe + "</td>"), "the security lead's page lists the user");

        String gikai = export(gikaiAuditor);
        assertFalse(gikai.contains(probe), "デモ市's person never appears in デモ市議会's export");
        assertTrue(gikai.contains(",LOGIN,ログイン,gikai-auditor,horenso-cli,"), "デモ市議会's own log-in is there");
        for (String other : List.of("staff1", "csirt1", "auditor", "seclead")) {
            assertFalse(gikai.contains("," + other + ","), "no デモ市 person: " + other);
        }
        given().auth()
                .oauth2(realm.accessToken("staff1"))
                .get(console + "/admin/login-events/export.csv")
                .then()
                .statusCode(403);
        System.out.println("[identity] login-events export for demo-city: "
                + export(realm.accessToken("auditor")).lines().count() + " lines (events since the run began; "
                + (System.currentTimeMillis() - started) + " ms for this test)");
    }

    private static Response refresh(String refreshToken) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("client_id", DemoRealm.CLIENT)
                .formParam("refresh_token", refreshToken)
                .post(realm.realmUrl() + "/protocol/openid-connect/token");
    }

    private static String export(String token) {
        byte[] body = given().auth()
                .oauth2(token)
                .get(console + "/admin/login-events/export.csv")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract()
                .asByteArray();
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    @Order(3)
    void article58_3_anIdlePersonIsWarnedThenLoggedOffAndMustTypeTheirPasswordAgain() {
        startIdleConsole();
        browser.manage().deleteAllCookies();

        // Scripted page: the warning comes IDLE_WARNING before the time-out, then the page logs off by itself.
        signIn(idleConsoleUrl, probe, probePassword, "/report/mine");
        long loaded = System.nanoTime();
        WebElement warning = browser.findElement(By.id("idle-warning"));
        assertFalse(warning.isDisplayed(), "no warning while the person is active");
        new WebDriverWait(browser, IDLE.plus(WAIT)).until(ExpectedConditions.visibilityOf(warning));
        long warnedAfter = Duration.ofNanos(System.nanoTime() - loaded).toSeconds();
        String text = warning.getText();
        assertTrue(
                text.indexOf("自動的にログオフします") >= 0 && text.indexOf("signed out") > text.indexOf("ログオフ"),
                "Japanese first, then English: " + text);
        assertTrue(
                warnedAfter >= IDLE.minus(IDLE_WARNING).toSeconds() - 3 && warnedAfter < IDLE.toSeconds(),
                "warned " + warnedAfter + " s after the last request");
        new WebDriverWait(browser, IDLE.plus(WAIT)).until(ExpectedConditions.urlContains("/signed-out"));
        long loggedOffAfter = Duration.ofNanos(System.nanoTime() - loaded).toSeconds();
        System.out.println("[identity] idle console (" + IDLE.toSeconds() + " s): warned after " + warnedAfter
                + " s, logged off after " + loggedOffAfter + " s");
        // Counted from when the page showed, a moment after the server renewed the session: a few seconds' slack.
        assertTrue(
                loggedOffAfter > warnedAfter && loggedOffAfter >= IDLE.toSeconds() - 5,
                "not before the time-out: " + loggedOffAfter);
        // The Keycloak session ended too: the next page asks for the password again.
        browser.get(idleConsoleUrl + "/report/mine");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        assertTrue(browser.getCurrentUrl().startsWith(realm.realmUrl()), browser.getCurrentUrl());

        // A person who keeps working (a page every 15 s, longer than the time-out in all) stays signed in.
        typeCredentials(probe, probePassword);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains(idleConsoleUrl));
        for (int i = 0; i < 4; i++) {
            sleep(15_000);
            browser.get(idleConsoleUrl + "/report/mine");
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("me")));
            assertTrue(browser.getCurrentUrl().startsWith(idleConsoleUrl + "/report/mine"), browser.getCurrentUrl());
        }

        // Without any script (the page left): the server alone logs off the first request after the time-out.
        browser.get("about:blank");
        sleep(IDLE.plusSeconds(5).toMillis());
        browser.get(idleConsoleUrl + "/report/mine");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/signed-out"));
        browser.get(idleConsoleUrl + "/report/mine");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        assertTrue(browser.getCurrentUrl().startsWith(realm.realmUrl()), "the password is asked again");

        // The Keycloak SSO session idle time-out is the console's default (checked in web: IdleLogoffTest).
        assertEquals(
                30 * 60, realm.passwordGrant(probe, probePassword).jsonPath().getInt("refresh_expires_in"));
    }

    /** A second console of the same system with a short idle time-out; the shared one keeps its 30 minutes. */
    private static void startIdleConsole() {
        LocalStack stack = system.stack();
        int port = Ports.free();
        idleConsoleUrl = "http://localhost:" + port;
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", realm.realmUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
        env.put("HORENSO_INCIDENT_BASE_URL", stack.serviceUrl("incident-service"));
        env.put("HORENSO_ESCALATION_BASE_URL", stack.serviceUrl("escalation-service"));
        env.put("HORENSO_NOTIFICATION_BASE_URL", stack.serviceUrl("notification-service"));
        env.put("HORENSO_WEB_IDLE_TIMEOUT", IDLE.toString());
        env.put("HORENSO_WEB_IDLE_WARNING", IDLE_WARNING.toString());
        Path repo = system.repoRoot();
        idleConsole = ChildProcess.start(
                "web-idle",
                LocalStack.javaCommand(repo.resolve(LocalStack.CONSOLE)),
                env,
                LocalStack.appFolder(repo, LocalStack.CONSOLE),
                system.logsDir().resolve("web-idle.log"));
        idleConsole.awaitHttpOk(idleConsoleUrl + "/q/health/ready", Duration.ofMinutes(3));
    }

    private static void signIn(String consoleUrl, String username, String password, String path) {
        browser.get(consoleUrl + path);
        typeCredentials(username, password);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains(consoleUrl));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("me")));
    }

    private static void typeCredentials(String username, String password) {
        WebElement user = new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertTrue(browser.getPageSource().contains("horenso-login-banner"), "the realm's login banner (第58条(1))");
        user.clear();
        user.sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
    }

    private static void signOut(String consoleUrl) {
        browser.get(consoleUrl + "/logout");
        new WebDriverWait(browser, WAIT)
                .until(d -> d.getCurrentUrl().contains("/signed-out")
                        || !d.findElements(By.id("kc-logout")).isEmpty());
        if (!browser.findElements(By.id("kc-logout")).isEmpty()) {
            browser.findElement(By.id("kc-logout")).click();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/signed-out"));
        }
        browser.manage().deleteAllCookies();
        assertNotEquals("", consoleUrl);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
