package jp.horenso.escalation.hop.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.escalation.common.time.OfficeCalendar;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.support.Db;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Parallel recipients with an outside body (第43条2項), a chief's own report (第43条4項), "repeat N times every
 * M", deputies with validity periods, absences and office hours — in test-city (src/test/resources/seed).
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class ParallelRecipientsAndDeputiesTest {

    private static final String ABSENCES = "/api/directory/absences";

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    HopRepository hops;

    @Inject
    OfficeCalendar calendar;

    @Inject
    Db db;

    @Test
    void article43_2_sectionChiefReportGoesToHeadSecurityLeadAndOutsideBodiesAtOnce() {
        UUID incident = chiefsReport();

        List<JsonNode> told = published.await(incident, "NotificationRequested", 3);
        assertEquals(
                List.of("DEPARTMENT_HEAD/t-head-a", "SECURITY_LEAD/t-seclead", "null/outside:prefecture"),
                told.stream()
                        .map(n -> (n.path("data").has("step")
                                        ? n.path("data").path("step").asText()
                                        : "null") + "/"
                                + n.path("data")
                                        .path("recipient")
                                        .path("username")
                                        .asText())
                        .sorted()
                        .toList());
        String startedAt =
                published.of(incident, "ChainStarted").get(0).path("time").asText();
        assertTrue(
                told.stream()
                        .allMatch(n -> n.path("time").asText().equals(startedAt)
                                && n.path("data").path("kind").asText().equals("NEW_REPORT")),
                "all at once, with the report");

        JsonNode prefecture = told.stream()
                .filter(n -> n.path("data").has("outsideBody"))
                .findFirst()
                .orElseThrow()
                .path("data");
        assertEquals("prefecture", prefecture.path("outsideBody").asText());
        assertEquals(
                "csirt@pref.test.example.jp",
                prefecture.path("recipient").path("email").asText());
        assertEquals("テスト県 市町村課", prefecture.path("recipient").path("name").asText());
        assertFalse(prefecture.has("hopId"), "an outside body is told, it does not acknowledge");
        assertFalse(prefecture.has("ackDeadline"));

        // The department head's step counts office hours (weekdays, not holidays or 年末年始).
        JsonNode head = hopOpened(incident, "DEPARTMENT_HEAD");
        assertEquals(
                calendar.plusOfficeTime(Instant.parse(startedAt), Duration.ofHours(1)),
                Instant.parse(head.path("data").path("ackDeadline").asText()));
        assertEquals(
                "en",
                told.stream()
                        .filter(n -> n.path("data")
                                .path("recipient")
                                .path("username")
                                .asText()
                                .equals("t-head-a"))
                        .findFirst()
                        .orElseThrow()
                        .path("data")
                        .path("recipient")
                        .path("locale")
                        .asText());
        JsonNode securityLead = hopOpened(incident, "SECURITY_LEAD");
        assertEquals(
                Duration.ofHours(1),
                Duration.between(
                        Instant.parse(startedAt),
                        Instant.parse(
                                securityLead.path("data").path("ackDeadline").asText())));
    }

    @Test
    void article43_4_chiefsOwnReportStartsAtTheirLevel() {
        UUID incident = chiefsReport();
        published.await(incident, "NotificationRequested", 3);

        List<Hop> rows = db.read(() -> hops.ofIncident(incident));
        assertEquals(
                List.of("DEPARTMENT_HEAD/t-head-a", "SECURITY_LEAD/t-seclead"),
                rows.stream()
                        .map(h -> h.step() + "/" + h.recipientUsername())
                        .sorted()
                        .toList(),
                "nobody at the section chief's level, not even a skipped hop");
    }

    @Test
    void unacknowledgedChiefIsToldAgainThenTheDeputyThenTheNextLevelsAndTheOutsideBody() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reportedIn(
                "test-city", incident, "t-staff-a1", "sec-a1", "dept-a", List.of("staff"), null, false));

        published.await(incident, "HopOpened", 6, Duration.ofSeconds(30));
        List<String> opened = published.of(incident, "HopOpened").stream()
                .map(e -> e.path("data"))
                .map(d -> d.path("step").asText() + "/"
                        + d.path("recipient").path("username").asText() + "/"
                        + d.path("attempt").asInt() + "/" + d.path("trigger").asText()
                        + (d.path("deputy").asBoolean()
                                ? "/deputy for " + d.path("deputyFor").asText()
                                : ""))
                .toList();
        assertEquals(
                List.of(
                        "SECTION_CHIEF/t-chief-a1/1/REPORT",
                        "SECTION_CHIEF/t-chief-a1/2/REPEAT",
                        "SECTION_CHIEF/t-deputy-a1/1/DEPUTY/deputy for t-chief-a1",
                        "SECTION_CHIEF/t-deputy-a1/2/REPEAT/deputy for t-chief-a1"),
                opened.subList(0, 4),
                "the expired deputy listed first is never told");
        assertEquals(
                List.of("DEPARTMENT_HEAD/t-head-a/1/TIMEOUT", "SECURITY_LEAD/t-seclead/1/TIMEOUT"),
                opened.subList(4, 6).stream().sorted().toList());

        // Once a person's repeats are used up, they hear their hop is overdue (HOP_OVERDUE) as the chain goes on.
        List<JsonNode> notifications = published.await(incident, "NotificationRequested", 9);
        assertEquals(
                List.of(
                        "NEW_REPORT",
                        "REMINDER",
                        "HOP_OVERDUE",
                        "ESCALATION",
                        "REMINDER",
                        "HOP_OVERDUE",
                        "ESCALATION",
                        "ESCALATION",
                        "ESCALATION"),
                notifications.stream()
                        .map(n -> n.path("data").path("kind").asText())
                        .toList());
        assertEquals(2, notifications.get(1).path("data").path("attempt").asInt());
        assertEquals(
                1,
                notifications.stream()
                        .filter(n -> n.path("data").has("outsideBody"))
                        .count());
        assertEquals(4, published.of(incident, "HopTimedOut").size());
    }

    @Test
    void vacantSectionChiefsHopGoesToTheValidDeputy() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reportedIn(
                "test-city", incident, "t-staff-a2", "sec-a2", "dept-a", List.of("staff"), null, false));

        JsonNode opened = published.await(incident, "HopOpened", 1).get(0).path("data");
        assertEquals("t-deputy-a2", opened.path("recipient").path("username").asText());
        assertEquals("SECTION_CHIEF", opened.path("step").asText());
        assertTrue(opened.path("deputy").asBoolean());
        assertFalse(opened.hasNonNull("deputyFor"), "the position is vacant: the deputy stands in for nobody");
        JsonNode told =
                published.await(incident, "NotificationRequested", 1).get(0).path("data");
        assertTrue(told.path("deputy").asBoolean());
    }

    @Test
    @TestSecurity(
            user = "t-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-city"))
    void absentChiefsHopGoesToTheDeputyUntilTheAbsenceIsRemoved() {
        Instant now = Instant.now();
        int id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "username",
                        "t-chief-a3",
                        "startsAt",
                        now.minus(1, ChronoUnit.MINUTES).toString(),
                        "endsAt",
                        now.plus(1, ChronoUnit.HOURS).toString(),
                        "reason",
                        "出張"))
                .when()
                .post(ABSENCES)
                .then()
                .statusCode(201)
                .body("username", equalTo("t-chief-a3"))
                .extract()
                .path("id");
        try {
            given().when().get(ABSENCES).then().statusCode(200).body("username", hasItem("t-chief-a3"));

            JsonNode opened = firstHop(staffReportFromA3());
            assertEquals(
                    "t-deputy-a3", opened.path("recipient").path("username").asText());
            assertTrue(opened.path("deputy").asBoolean());
            assertEquals("t-chief-a3", opened.path("deputyFor").asText());
        } finally {
            given().when().delete(ABSENCES + "/" + id).then().statusCode(204);
        }
        assertEquals(
                "t-chief-a3",
                firstHop(staffReportFromA3()).path("recipient").path("username").asText());
    }

    @Test
    @TestSecurity(
            user = "t-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-city"))
    void absentHolderWithoutDeputyIsSkippedToTheNextLevel() {
        Instant now = Instant.now();
        int id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "username",
                        "t-head-a",
                        "startsAt",
                        now.minus(1, ChronoUnit.MINUTES).toString(),
                        "endsAt",
                        now.plus(1, ChronoUnit.HOURS).toString()))
                .when()
                .post(ABSENCES)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try {
            UUID incident = chiefsReport();
            List<JsonNode> told = published.await(incident, "NotificationRequested", 3);
            assertEquals(
                    List.of("CISO/t-ciso", "SECURITY_LEAD/t-seclead"),
                    told.stream()
                            .filter(n -> n.path("data").has("step"))
                            .map(n -> n.path("data").path("step").asText() + "/"
                                    + n.path("data")
                                            .path("recipient")
                                            .path("username")
                                            .asText())
                            .sorted()
                            .toList());
            assertTrue(db.read(() -> hops.ofIncident(incident)).stream()
                    .anyMatch(h -> h.step().name().equals("DEPARTMENT_HEAD")
                            && h.skipReason() != null
                            && h.skipReason().name().equals("ABSENT")));
        } finally {
            given().when().delete(ABSENCES + "/" + id).then().statusCode(204);
        }
    }

    @Test
    @TestSecurity(
            user = "t-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-city"))
    void absenceOfSomeoneOutsideTheOrganisationIsRefused() {
        given().contentType(ContentType.JSON)
                .header("Accept-Language", "en")
                .body(Map.of(
                        "username", "chief1", "startsAt", "2026-12-01T00:00:00Z", "endsAt", "2026-11-01T00:00:00Z"))
                .when()
                .post(ABSENCES)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", Matchers.contains("username", "endsAt"));
        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "休暇"))
                .when()
                .post(ABSENCES)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", Matchers.contains("endsAt", "startsAt", "username"));
    }

    private UUID chiefsReport() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reportedIn(
                "test-city",
                incident,
                "t-chief-a1",
                "sec-a1",
                "dept-a",
                List.of("staff", "section-chief"),
                null,
                false));
        return incident;
    }

    private UUID staffReportFromA3() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reportedIn(
                "test-city", incident, "t-staff-a3", "sec-a3", "dept-a", List.of("staff"), null, false));
        return incident;
    }

    private JsonNode firstHop(UUID incident) {
        return published.await(incident, "HopOpened", 1).get(0).path("data");
    }

    private JsonNode hopOpened(UUID incident, String step) {
        return published.of(incident, "HopOpened").stream()
                .filter(e -> e.path("data").path("step").asText().equals(step))
                .findFirst()
                .orElseThrow();
    }
}
