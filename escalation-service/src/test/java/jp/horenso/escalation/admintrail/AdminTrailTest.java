package jp.horenso.escalation.admintrail;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import jp.horenso.escalation.onboarding.service.OnboardCommand;
import jp.horenso.escalation.onboarding.service.OnboardingService;
import jp.horenso.escalation.support.OnboardingBundles;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.platform.admintrail.AdminTrail;
import jp.horenso.platform.admintrail.AdminTrailEntry;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Organisation;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 第117–119条 for the rules themselves (issue 12): onboarding, directory imports, chain versions and absences are
 * recorded in the organisation's own hash-chained administrative trail, in the change's transaction; the trail
 * verifies, shows nothing of another organisation, and the application's database role cannot rewrite it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class AdminTrailTest {

    /** An organisation of this test alone, onboarded through the service (its trail starts with the onboarding). */
    static final String ORG = "trail-town";

    @Inject
    OnboardingService onboarding;

    @Inject
    AdminTrail trail;

    @BeforeEach
    void onboardOnce() {
        try {
            onboarding.onboard(new OnboardCommand(OnboardingBundles.town(ORG, "TTRAIL"), false, "horenso-admin"));
        } catch (ProblemException e) {
            assertEquals(409, e.status(), "onboarded by an earlier test of this class");
        }
    }

    @Test
    @TestSecurity(
            user = "trail-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = ORG))
    void article117_everyAdministrativeChangeIsInItsOrganisationsTrailOnly() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);
        int absence = given().contentType(ContentType.JSON)
                .body("""
                        {"username": "%s-chief", "startsAt": "%s", "endsAt": "%s", "reason": "年休"}""".formatted(ORG, start, start.plus(8, ChronoUnit.HOURS)))
                .when()
                .post("/api/directory/absences")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().when().delete("/api/directory/absences/" + absence).then().statusCode(204);
        // The chain as it stands, written again: a new version.
        Object document = given().when()
                .get("/api/chain")
                .then()
                .statusCode(200)
                .extract()
                .path("definition");
        given().contentType(ContentType.JSON)
                .body(document)
                .when()
                .put("/api/chain")
                .then()
                .statusCode(201);
        String exported = given().when()
                .queryParam("format", "yaml")
                .get("/api/directory/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        given().contentType("application/yaml; charset=UTF-8")
                .body(exported.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .put("/api/directory")
                .then()
                .statusCode(200);

        List<String> actions = given().when()
                .get("/api/admin-trail")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("action", String.class);
        // Newest first.
        assertEquals(
                List.of(
                        "DIRECTORY_IMPORTED",
                        "CHAIN_VERSION_SAVED",
                        "ABSENCE_CANCELLED",
                        "ABSENCE_RECORDED",
                        "ORGANISATION_ONBOARDED"),
                actions.subList(0, 5));
        given().when()
                .get("/api/admin-trail")
                .then()
                .body("[3].subject", equalTo("absence/" + absence))
                .body("[3].actor", equalTo("trail-seclead"))
                .body("[4].actor", equalTo("horenso-admin"));
        given().when().get("/api/admin-trail/verify").then().statusCode(200).body("intact", equalTo(true));

        // Another organisation's trail has none of it, and this organisation's caller cannot ask for it.
        List<AdminTrailEntry> demoCity = trail.entries(Organisation.of("demo-city"), null, 1000);
        assertTrue(demoCity.stream().noneMatch(e -> e.actor().equals("trail-seclead")));
        assertTrue(demoCity.stream().noneMatch(e -> e.subject().equals("absence/" + absence)));
        given().queryParam("organisation", "demo-city")
                .when()
                .get("/api/admin-trail")
                .then()
                .statusCode(403);
    }

    @Test
    void theApplicationsDatabaseRoleCannotRewriteTheTrail() throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection app = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                Statement statement = app.createStatement()) {
            SQLException refused = assertThrows(
                    SQLException.class,
                    () -> statement.executeUpdate(
                            "update admin_trail_entry set actor = 'intruder' where organisation = '" + ORG + "'"));
            assertEquals("42501", refused.getSQLState());
        }
        assertTrue(trail.entries(Organisation.of(ORG), null, 1000).stream()
                .noneMatch(e -> e.actor().equals("intruder")));
        assertTrue(trail.verify(Organisation.of(ORG)).intact());
    }
}
