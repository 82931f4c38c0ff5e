package jp.horenso.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo realm ({@code deploy/keycloak/horenso-realm.json}) in the real Keycloak: who gets which roles and
 * place in the organisation, and the login rules of 第58条 (banner, lock-out, idle log-off, recorded log-in and
 * log-out times).
 */
@ExtendWith(SystemUnderTest.class)
class DemoRealmTest {

    private static final List<String> HORENSO_ROLES = List.of(
            "staff",
            "section-chief",
            "department-head",
            "security-lead",
            "csirt",
            "ciso",
            "vice-ciso",
            "committee",
            "auditor");

    /** A valid S256 challenge (RFC 7636 appendix B); the code is never exchanged here. */
    private static final String PKCE_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static DemoRealm realm;

    @BeforeAll
    static void connect(RunningSystem system) {
        realm = new DemoRealm(system.keycloak());
    }

    static Stream<Arguments> demoUsers() {
        return Stream.of(
                arguments("staff1", List.of("staff"), "general-affairs", "general-affairs-section", "総務", "職員 太郎"),
                arguments("staff2", List.of("staff"), "welfare", "welfare-section", "福祉", "職員 花子"),
                arguments(
                        "chief1",
                        List.of("section-chief", "staff"),
                        "general-affairs",
                        "general-affairs-section",
                        "総務",
                        "課長 一郎"),
                arguments("chief2", List.of("section-chief"), "welfare", "welfare-section", "福祉", "課長 二郎"),
                arguments("head1", List.of("department-head"), "general-affairs", "general-affairs", "総務", "部長 一郎"),
                arguments("head2", List.of("department-head"), "welfare", "welfare", "福祉", "部長 二郎"),
                arguments(
                        "seclead", List.of("security-lead"), "general-affairs", "information-policy", "情報政策", "課長 花子"),
                arguments("csirt1", List.of("csirt"), "general-affairs", "information-policy", "情報政策", "CSIRT 次郎"),
                arguments("ciso", List.of("ciso"), null, "demo-city", "副市長", "デモ 誠"),
                arguments("viceciso", List.of("vice-ciso"), null, "demo-city", "副CISO", "総合 政策"),
                arguments("committee1", List.of("committee"), null, null, "委員会", "委員 一"),
                arguments("auditor", List.of("auditor"), null, null, "監査", "統括 恵"),
                // デモ市議会 (issue 12): its own people, units and organisation claim.
                arguments("gikai-staff1", List.of("staff"), "gikai-secretariat", "gikai-general", "議会", "職員 一郎"),
                arguments(
                        "gikai-chief1",
                        List.of("section-chief", "staff"),
                        "gikai-secretariat",
                        "gikai-general",
                        "議会",
                        "総務課長 一郎"),
                arguments(
                        "gikai-chief2",
                        List.of("section-chief", "staff"),
                        "gikai-secretariat",
                        "gikai-research",
                        "議会",
                        "議事調査課長 二郎"),
                arguments(
                        "gikai-head",
                        List.of("department-head"),
                        "gikai-secretariat",
                        "gikai-secretariat",
                        "議会",
                        "事務局長 三郎"),
                arguments(
                        "gikai-seclead",
                        List.of("security-lead"),
                        "gikai-secretariat",
                        "gikai-general",
                        "議会",
                        "事務局次長 花子"),
                arguments("gikai-csirt1", List.of("csirt"), "gikai-secretariat", "gikai-general", "議会", "CSIRT 四郎"),
                arguments("gikai-chair", List.of("ciso"), null, "demo-gikai", "議長", "デモ 議長"),
                arguments("gikai-auditor", List.of("auditor"), null, null, "議会", "監査 五郎"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoUsers")
    void everyDemoUserLogsInWithTheirRolesAndPlaceInTheOrganisation(
            String username, List<String> roles, String department, String unit, String familyName, String givenName) {
        JsonPath token = DemoRealm.claims(realm.accessToken(username));

        assertEquals(realm.realmUrl(), token.getString("iss"));
        assertEquals(DemoRealm.CLIENT, token.getString("azp"));
        assertEquals(username, token.getString("preferred_username"));
        List<String> granted = token.getList("realm_access.roles", String.class);
        for (String role : HORENSO_ROLES) {
            assertEquals(roles.contains(role), granted.contains(role), username + " role " + role + " in " + granted);
        }
        assertEquals(DemoRealm.organisationOf(username), token.getString("organisation"));
        // One audience is a string, several an array.
        assertTrue(
                String.valueOf(token.<Object>get("aud")).matches(".*\\bhorenso-api\\b.*"),
                "the services' audience: " + token.get("aud"));
        assertFalse(granted.contains("installation-admin"), "no organisation's person administers the installation");
        assertEquals(department, token.getString("department"), "department claim");
        assertEquals(unit, token.getString("unit"), "unit claim");
        assertEquals(DemoRealm.mailOf(username), token.getString("email"));
        assertTrue(token.getBoolean("email_verified"));
        assertEquals(familyName, token.getString("family_name"));
        assertEquals(givenName, token.getString("given_name"));
    }

    @Test
    void theInstallationAdministratorBelongsToNoOrganisationAndHasNoOrganisationRole() {
        JsonPath token = DemoRealm.claims(realm.accessToken("horenso-admin"));

        List<String> granted = token.getList("realm_access.roles", String.class);
        assertTrue(granted.contains("installation-admin"), "installation-admin in " + granted);
        for (String role : HORENSO_ROLES) {
            assertFalse(granted.contains(role), "horenso-admin has no organisation role: " + granted);
        }
        assertNull(token.getString("organisation"), "no organisation claim");
        assertNull(token.getString("unit"), "no unit claim");
        assertTrue(
                String.valueOf(token.<Object>get("aud")).matches(".*\\bhorenso-api\\b.*"), "aud: " + token.get("aud"));
    }

    @Test
    void tokensOutlastLongTestsWhileSessionsEndAfterThirtyIdleMinutes() {
        JsonPath response = realm.passwordGrant("head2", "head2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        JsonPath token = DemoRealm.claims(response.getString("access_token"));

        assertTrue(token.getLong("exp") - token.getLong("iat") >= 15 * 60, "access token lives at least 15 min");
        // The refresh token ends with the SSO session's idle time-out: 30 minutes without use logs the user off.
        // Keycloak counts from the session's start, so a slow answer may say a second or two less.
        int refreshExpiresIn = response.getInt("refresh_expires_in");
        assertTrue(
                refreshExpiresIn <= 30 * 60 && refreshExpiresIn >= 30 * 60 - 10,
                "refresh token ends after the 30-minute idle time-out: " + refreshExpiresIn);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountUntilAnAdministratorUnlocksIt() {
        String userId = realm.userId("csirt1");
        String lockStatus = realm.adminUrl() + "/attack-detection/brute-force/users/" + userId;
        try {
            failLogins("csirt1", 4);
            realm.passwordGrant("csirt1", "csirt1").then().statusCode(200);

            failLogins("csirt1", 5);
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
                            "csirt1 is locked out"));
            Response locked = realm.passwordGrant("csirt1", "csirt1");
            assertFalse(locked.statusCode() == 200, "the right password is refused while locked out");
            assertNull(locked.jsonPath().getString("access_token"));
        } finally {
            given().auth().oauth2(realm.adminToken()).delete(lockStatus).then().statusCode(204);
        }
        realm.passwordGrant("csirt1", "csirt1").then().statusCode(200);
        List<Map<String, Object>> adminEvents = given().auth()
                .oauth2(realm.adminToken())
                .get(realm.adminUrl() + "/admin-events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertTrue(
                adminEvents.stream()
                        .anyMatch(e -> String.valueOf(e.get("resourcePath")).contains(userId)),
                "the unlock is recorded as an admin event: " + adminEvents);
    }

    /** Wrong passwords, spaced beyond the realm's quick-login check so that only the failure count matters. */
    private static void failLogins(String username, int times) {
        for (int i = 0; i < times; i++) {
            Response refused = realm.passwordGrant(username, "wrong-" + i);
            assertTrue(refused.statusCode() == 400 || refused.statusCode() == 401, refused.asString());
            assertEquals("invalid_grant", refused.jsonPath().getString("error"));
            sleep(1_200);
        }
    }

    @Test
    void loginsAndLogoutsAreRecordedWithTheirTimes() {
        long before = System.currentTimeMillis() - 5_000;
        String refreshToken = realm.passwordGrant("auditor", "auditor")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("refresh_token");
        given().contentType(ContentType.URLENC)
                .formParam("client_id", DemoRealm.CLIENT)
                .formParam("refresh_token", refreshToken)
                .post(realm.realmUrl() + "/protocol/openid-connect/logout")
                .then()
                .statusCode(204);

        String userId = realm.userId("auditor");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> events = given().auth()
                    .oauth2(realm.adminToken())
                    .queryParam("user", userId)
                    .get(realm.adminUrl() + "/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
            for (String type : List.of("LOGIN", "LOGOUT")) {
                assertTrue(
                        events.stream()
                                .anyMatch(e ->
                                        type.equals(e.get("type")) && ((Number) e.get("time")).longValue() >= before),
                        type + " recorded: " + events);
            }
        });
    }

    @Test
    void loginPageShowsTheWarningBannerInJapaneseThenEnglish() {
        String page = given().queryParams(authorisationRequest("http://localhost:5173/callback"))
                .get(realm.realmUrl() + "/protocol/openid-connect/auth")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        int japanese = page.indexOf("許可された職員のみが利用できます");
        int english = page.indexOf("This system is for authorised Demo City staff only");
        assertTrue(japanese >= 0, "Japanese banner on the login page");
        assertTrue(english > japanese, "English banner after the Japanese one");
    }

    @Test
    void webUiMayRedirectOnlyToLocalhostAndOnlyWithPkce() {
        given().queryParams(authorisationRequest("https://attacker.example/callback"))
                .get(realm.realmUrl() + "/protocol/openid-connect/auth")
                .then()
                .statusCode(400);

        Map<String, String> withoutPkce = authorisationRequest("http://127.0.0.1:8080/callback");
        withoutPkce.remove("code_challenge");
        withoutPkce.remove("code_challenge_method");
        String location = given().redirects()
                .follow(false)
                .queryParams(withoutPkce)
                .get(realm.realmUrl() + "/protocol/openid-connect/auth")
                .then()
                .statusCode(302)
                .extract()
                .header("Location");
        assertTrue(
                location.startsWith("http://127.0.0.1:8080/callback") && location.contains("error=invalid_request"),
                "refused back to the client: " + location);
    }

    private static Map<String, String> authorisationRequest(String redirectUri) {
        Map<String, String> params = new HashMap<>();
        params.put("client_id", DemoRealm.CLIENT);
        params.put("response_type", "code");
        params.put("scope", "openid");
        params.put("redirect_uri", redirectUri);
        params.put("code_challenge", PKCE_CHALLENGE);
        params.put("code_challenge_method", "S256");
        return params;
    }

    @Test
    void usersCannotMoveThemselvesToAnotherUnit() {
        String token = realm.accessToken("staff2");
        String account = realm.realmUrl() + "/account";
        Map<String, Object> me = given().auth()
                .oauth2(token)
                .accept(ContentType.JSON)
                .get(account)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = new HashMap<>((Map<String, Object>) me.get("attributes"));
        assertEquals(List.of("welfare-section"), attributes.get("unit"), "users see their unit");

        attributes.put("unit", List.of("information-policy"));
        me.put("attributes", attributes);
        String refused = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(me)
                .post(account)
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("errorMessage");
        assertEquals("error-user-attribute-read-only", refused);

        assertEquals(
                "welfare-section", DemoRealm.claims(realm.accessToken("staff2")).getString("unit"));
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
