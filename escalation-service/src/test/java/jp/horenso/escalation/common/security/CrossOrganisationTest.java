package jp.horenso.escalation.common.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import jp.horenso.escalation.chain.repository.ChainDefinitionRepository;
import jp.horenso.escalation.directory.Absence;
import jp.horenso.escalation.directory.repository.AbsenceRepository;
import jp.horenso.escalation.directory.repository.PersonRepository;
import jp.horenso.escalation.directory.service.AbsenceService;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.support.Db;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.platform.security.Caller;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: デモ市議会's security lead (gikai-seclead) cannot see or change anything of デモ市 — its chain, absences,
 * directory, cases — through any endpoint: another organisation's ids are not found (404), and nothing changes.
 * A token without the claims its role needs is refused (403).
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class CrossOrganisationTest {

    private static final Caller DEMO_CITY_SECLEAD =
            new Caller("seclead", "demo-city", "general-affairs", "information-policy", Set.of("security-lead"));

    @Inject
    AbsenceService absenceService;

    @Inject
    AbsenceRepository absences;

    @Inject
    PersonRepository people;

    @Inject
    ChainDefinitionRepository chains;

    @Inject
    ChainRunRepository runs;

    @Inject
    Db db;

    @Test
    @TestSecurity(
            user = "gikai-seclead",
            roles = "security-lead",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-gikai"),
                @SecurityAttribute(key = "unit", value = "gikai-general"),
                @SecurityAttribute(key = "department", value = "gikai-secretariat")
            })
    void theCouncilsSecurityLeadSeesOnlyTheCouncilsDirectoryAndChain() {
        given().when()
                .get("/api/directory")
                .then()
                .statusCode(200)
                .body("organisation.code", equalTo("demo-gikai"))
                .body("people.username", everyItem(startsWith("gikai-")))
                .body("units.code", everyItem(startsWith("gikai-")));
        given().when().get("/api/chain").then().statusCode(200).body("organisation", equalTo("demo-gikai"));
        given().when().get("/api/chain/versions").then().statusCode(200);
        String export = given().queryParam("format", "yaml")
                .when()
                .get("/api/directory/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(export.contains("demo-city"), export);
    }

    @Test
    @TestSecurity(
            user = "gikai-seclead",
            roles = "security-lead",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-gikai"),
                @SecurityAttribute(key = "unit", value = "gikai-general")
            })
    void demoCitysAbsencesAreNotFoundAndCannotBeChangedByTheCouncil() {
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Absence cityAbsence = absenceService.add(
                DEMO_CITY_SECLEAD, "head2", start, start.plus(1, ChronoUnit.DAYS), "出張 / business trip");

        given().when()
                .get("/api/directory/absences")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(Math.toIntExact(cityAbsence.id()))));
        given().when()
                .delete("/api/directory/absences/" + cityAbsence.id())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        // demo-city's person is nobody in the council.
        given().contentType(ContentType.JSON)
                .body("""
                        {"username": "head2", "startsAt": "%s", "endsAt": "%s"}""".formatted(start, start.plus(1, ChronoUnit.DAYS)))
                .when()
                .post("/api/directory/absences")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("username"));

        assertTrue(db.read(() -> absences.findByIdOptional(cityAbsence.id()).isPresent()), "still there");
        assertEquals(
                1,
                db.read(() -> absences.currentAndFuture("demo-city").stream()
                        .filter(a -> a.username().equals("head2"))
                        .count()));
        absenceService.remove(DEMO_CITY_SECLEAD, cityAbsence.id());
    }

    @Test
    @TestSecurity(
            user = "gikai-seclead",
            roles = "security-lead",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-gikai"),
                @SecurityAttribute(key = "unit", value = "gikai-general")
            })
    void theCouncilCannotImportIntoDemoCitysDirectoryNorTouchItsChain() {
        int cityVersion = db.read(() -> chains.latest("demo-city").orElseThrow().version());
        long cityPeople =
                db.read(() -> (long) people.ofOrganisation("demo-city").size());

        given().contentType("application/yaml; charset=UTF-8")
                .header("Accept-Language", "en")
                .body("""
                        organisation: {code: demo-city, name: {ja: デモ市}}
                        units:
                          - {code: general-affairs, kind: DEPARTMENT, name: {ja: 総務部}}
                        people:
                          - {username: intruder, name: 侵入者, email: intruder@example.jp, unit: general-affairs}
                        """.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .put("/api/directory")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("organisation.code"));

        // Its own chain, written again, is the council's next version; demo-city's stays as it was.
        Object definition = given().when().get("/api/chain").then().extract().path("definition");
        given().contentType(ContentType.JSON)
                .body(definition)
                .when()
                .put("/api/chain")
                .then()
                .statusCode(201)
                .body("organisation", equalTo("demo-gikai"));

        assertEquals(
                cityVersion,
                db.read(() -> chains.latest("demo-city").orElseThrow().version()));
        assertEquals(cityPeople, db.read(() ->
                (long) people.ofOrganisation("demo-city").size()));
        assertTrue(db.read(() -> people.findByUsername("demo-city", "intruder").isEmpty()));
    }

    @Test
    @TestSecurity(
            user = "gikai-seclead",
            roles = "security-lead",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-gikai"),
                @SecurityAttribute(key = "unit", value = "gikai-general")
            })
    void demoCitysCaseIsNotFoundForTheCouncil() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        EscalationEventLog.get().await(incident, "ChainStarted", 1);

        given().when().get("/api/incidents/" + incident + "/hops").then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"reason\": \"重大\"}")
                .when()
                .post("/api/incidents/" + incident + "/serious")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertTrue(db.read(() -> runs.findById(incident).markedSeriousAt() == null), "not marked");
    }

    @Test
    @TestSecurity(
            user = "gikai-head",
            roles = "department-head",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-gikai"),
                @SecurityAttribute(key = "unit", value = "gikai-secretariat")
            })
    void aDepartmentHeadWithoutDepartmentClaimIsRefused() {
        given().contentType(ContentType.JSON)
                .header("Accept-Language", "en")
                .body("{\"reason\": \"重大\"}")
                .when()
                .post("/api/incidents/" + UUID.randomUUID() + "/serious")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("department"));
    }

    @Test
    @TestSecurity(user = "nobody-in-particular", roles = "security-lead")
    void aTokenWithoutOrganisationIsRefused() {
        given().when().get("/api/directory").then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/chain").then().statusCode(403);
        given().when().get("/api/admin-trail").then().statusCode(403);
    }
}
