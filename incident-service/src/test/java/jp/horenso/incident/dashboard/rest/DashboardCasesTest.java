package jp.horenso.incident.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.dashboard.DashboardFixtures;
import jp.horenso.incident.response.ResponseAction;
import jp.horenso.incident.review.ReviewFixtures;
import jp.horenso.incident.support.ChainEvents;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/dashboard/cases: the CSIRT's open cases with chain position, legal clock and response phase. */
@QuarkusTest
class DashboardCasesTest {

    @Inject
    EntityManager em;

    private DashboardFixtures org;
    private String csirt;
    private String c1;
    private String c2;
    private String c3;
    private String c4;
    private String c5;
    private OffsetDateTime now;

    /**
     * c1 ＵＳＢ (two open hops, a running final report, recovery under way), c2 mail (overdue hop, prompt report due,
     * HIGH), c3 server (CRITICAL, under CISO review), c4 a drill, c5 another section's case, closed.
     */
    @BeforeEach
    void cases() {
        org = new DashboardFixtures();
        csirt = org.person("csirt");
        c1 = DashboardFixtures.file(org.staff(), "ＵＳＢメモリ紛失", false);
        c2 = DashboardFixtures.file(org.staff(), "メール誤送信", false);
        c3 = DashboardFixtures.file(org.staff(), "サーバ停止", false);
        c4 = DashboardFixtures.file(csirt, "訓練 標的型メール", true);
        c5 = DashboardFixtures.file(org.staffOfWelfare(), "福祉システム障害", false);
        now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String chief = "section-chief-" + org.organisation;
        ChainEvents.hopOpened(c1, "SECTION_CHIEF", chief, now.minusMinutes(5), now.plusMinutes(30));
        ChainEvents.hopOpened(c1, "SECURITY_LEAD", "seclead", now.minusMinutes(4), now.plusMinutes(10));
        ChainEvents.hopOpened(c2, "SECTION_CHIEF", chief, now.minusMinutes(30), now.minusMinutes(5));
        ChainEvents.hopOpened(c4, "SECTION_CHIEF", chief, now.minusMinutes(30), now.minusMinutes(20));
        duty(c1, "PPC_APPI", now.minusDays(1), now.plusDays(20), true, false);
        duty(c1, "PPC_MYNUMBER", now.minusDays(2), now.minusDays(1), false, true);
        duty(c2, "PPC_APPI", now.plusDays(2), now.plusDays(30), false, false);
        ReviewFixtures.measure(em, c1, ResponseAction.Kind.CONTAINMENT, "遮断", "csirt1", ResponseAction.Status.DONE);
        ReviewFixtures.measure(em, c1, ResponseAction.Kind.RECOVERY, "復元", "csirt1", ResponseAction.Status.IN_PROGRESS);
        ReviewFixtures.measure(
                em, c2, ResponseAction.Kind.CONTAINMENT, "取消", "csirt1", ResponseAction.Status.CANCELLED);
        DashboardFixtures.sql(em, "UPDATE incident SET severity_override = 'HIGH' WHERE id = ?1", UUID.fromString(c2));
        DashboardFixtures.sql(
                em,
                "UPDATE incident SET severity_override = 'CRITICAL', state = 'UNDER_CISO_REVIEW' " + "WHERE id = ?1",
                UUID.fromString(c3));
        DashboardFixtures.sql(
                em, "UPDATE incident SET state = 'CLOSED', closed_at = now() WHERE id = ?1", UUID.fromString(c5));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(csirt)
                        .get("/api/incidents/" + c4 + "/chain")
                        .then()
                        .body("", hasSize(1)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(csirt)
                        .get("/api/incidents/" + c1 + "/chain")
                        .then()
                        .body("", hasSize(2)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(csirt)
                        .get("/api/incidents/" + c2 + "/chain")
                        .then()
                        .body("", hasSize(1)));
    }

    private void duty(
            String incident,
            String code,
            OffsetDateTime promptDue,
            OffsetDateTime finalDue,
            boolean promptSubmitted,
            boolean withdrawn) {
        DashboardFixtures.sql(
                em,
                "INSERT INTO legal_duty (incident_id, code, rule_set_version, source, reasons, "
                        + "identified_at, prompt_due_at, final_due_at, prompt_submitted_at, withdrawn_at) VALUES (?1, ?2, 'test', "
                        + "'RULES', CAST('[]' AS jsonb), ?3, ?4, ?5, ?6, ?7)",
                UUID.fromString(incident),
                code,
                now.minusDays(3),
                promptDue,
                finalDue,
                promptSubmitted ? now.minusHours(1) : null,
                withdrawn ? now.minusHours(1) : null);
    }

    private JsonPath page(String token, String query) {
        return given().auth()
                .oauth2(token)
                .get("/api/dashboard/cases" + query)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
    }

    @Test
    void article44_2_eachCaseWithWhoMustAcknowledgeByWhenItsLegalClockAndItsPhase() {
        JsonPath page = page(csirt, "");
        assertEquals(List.of(c5, c3, c2, c1), page.getList("items.incidentId"), "newest report first, no drill");
        assertEquals(4, page.getInt("total"));
        assertEquals(1, page.getInt("drills"), "the drill is counted apart");

        JsonPath row1 = new JsonPath(page.prettify()).setRootPath("items[3]");
        assertEquals("SECURITY_LEAD", row1.getString("chainPosition.step"), "the open hop with the soonest deadline");
        assertEquals("seclead", row1.getString("chainPosition.recipient.username"));
        assertEquals(
                now.plusMinutes(10).toInstant(),
                OffsetDateTime.parse(row1.getString("chainPosition.ackDeadline"))
                        .toInstant());
        assertTrue(row1.getString("chainPosition.ackDeadline").endsWith("+09:00"));
        assertFalse(row1.getBoolean("chainPosition.overdue"));
        assertEquals(2, row1.getInt("openHops"));
        assertEquals("PPC_APPI", row1.getString("nextLegalDeadline.code"), "the withdrawn duty's clock is not running");
        assertEquals("FINAL", row1.getString("nextLegalDeadline.report"), "the prompt report was submitted");
        assertEquals(
                now.plusDays(20).toInstant(),
                OffsetDateTime.parse(row1.getString("nextLegalDeadline.dueAt")).toInstant());
        assertEquals("RECOVERY", row1.getString("responsePhase"));
        assertEquals("LOW", row1.getString("severity"));
        assertEquals("REPORTED", row1.getString("status"));
        assertEquals("general-affairs-section", row1.getString("unit"));
        assertEquals("ＵＳＢメモリ紛失", row1.getString("title"));
        // The fixture organisation numbers its own cases with the prefix it was onboarded with (T…).
        assertTrue(row1.getString("number").matches("T[A-Z0-9]{1,9}-\\d{4}-\\d{6}"), row1.getString("number"));
        assertTrue(row1.getString("reportedAt").endsWith("+09:00"));

        JsonPath row2 = new JsonPath(page.prettify()).setRootPath("items[2]");
        assertTrue(row2.getBoolean("chainPosition.overdue"));
        assertEquals(1, row2.getInt("openHops"));
        assertEquals("PROMPT", row2.getString("nextLegalDeadline.report"));
        assertFalse(row2.getBoolean("nextLegalDeadline.overdue"));
        assertEquals("NONE", row2.getString("responsePhase"), "a cancelled action starts no phase");
        assertEquals("HIGH", row2.getString("severity"));

        JsonPath row3 = new JsonPath(page.prettify()).setRootPath("items[1]");
        assertNull(row3.get("chainPosition"));
        assertEquals(0, row3.getInt("openHops"));
        assertNull(row3.get("nextLegalDeadline"));
        assertEquals("CISO_REVIEW", row3.getString("responsePhase"));
        assertEquals("CRITICAL", row3.getString("severity"));
        assertEquals("CLOSED", page.getString("items[0].responsePhase"));
    }

    @Test
    void article48_drillsApartOnlyOrIncluded() {
        JsonPath only = page(csirt, "?drill=only");
        assertEquals(List.of(c4), only.getList("items.incidentId"));
        assertEquals(true, only.getBoolean("items[0].drill"));
        assertEquals(1, only.getInt("total"));
        assertEquals(1, only.getInt("drills"));
        JsonPath all = page(csirt, "?drill=include");
        assertEquals(List.of(c5, c4, c3, c2, c1), all.getList("items.incidentId"));
        assertEquals(5, all.getInt("total"));
    }

    @Test
    void filtersSearchAndSorts() {
        assertEquals(List.of(c1), page(csirt, "?q=usb").getList("items.incidentId"), "half width finds full width");
        assertEquals(List.of(c1), page(csirt, "?q=ＵＳＢ　紛失").getList("items.incidentId"));
        assertEquals(List.of(c3, c2), page(csirt, "?severity=CRITICAL,HIGH").getList("items.incidentId"));
        assertEquals(List.of(c2, c1), page(csirt, "?status=REPORTED").getList("items.incidentId"));
        assertEquals(List.of(c3, c2, c5, c1), page(csirt, "?sort=severity").getList("items.incidentId"));
        assertEquals(
                List.of(c2, c1, c5, c3),
                page(csirt, "?sort=deadline").getList("items.incidentId"),
                "soonest chain deadline first, then the cases without an open hop, newest first");
        assertEquals(List.of(c2, c1, c5), page(csirt, "?sort=deadline&size=3").getList("items.incidentId"));
        assertEquals(List.of(c1), page(csirt, "?sort=deadline&size=1&page=1").getList("items.incidentId"));
        assertEquals(List.of(c3), page(csirt, "?sort=deadline&size=3&page=1").getList("items.incidentId"));
        JsonPath second = page(csirt, "?size=3&page=1");
        assertEquals(List.of(c1), second.getList("items.incidentId"));
        assertEquals(4, second.getInt("total"));
    }

    @Test
    void scopedExactlyLikeTheCaseList() {
        for (String role : List.of("csirt", "security-lead", "ciso", "auditor")) {
            String token = org.person(role);
            int listed = given().auth()
                    .oauth2(token)
                    .get("/api/incidents/count")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("count");
            assertEquals(listed, page(token, "?drill=include").getInt("total"), role);
            assertEquals(5, listed, role);
        }
        given().auth()
                .oauth2(org.person("vice-ciso"))
                .get("/api/dashboard/cases")
                .then()
                .statusCode(200);
        JsonPath otherCity = page(Tokens.csirt1(), "?drill=include&q=ＵＳＢメモリ紛失&size=100");
        assertFalse(otherCity.getList("items.incidentId").contains(c1), "another organisation's CSIRT");
    }

    @Test
    void othersAreRefusedWithAProblemInTheirLanguage() {
        for (String token : List.of(
                org.staff(), org.person("section-chief"), org.person("department-head"), org.person("committee"))) {
            given().auth()
                    .oauth2(token)
                    .get("/api/dashboard/cases")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("title", equalTo("権限がありません"));
        }
        given().auth()
                .oauth2(org.staff())
                .header("Accept-Language", "en")
                .get("/api/dashboard/cases")
                .then()
                .statusCode(403)
                .body("title", equalTo("Not allowed"));
        given().get("/api/dashboard/cases").then().statusCode(401);
    }

    @Test
    void badParametersAreNamed() {
        given().auth()
                .oauth2(csirt)
                .get("/api/dashboard/cases?drill=maybe&sort=oldest&size=0&severity=EXTREME")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("drill"))
                .body("errors.field", hasItem("sort"))
                .body("errors.field", hasItem("size"))
                .body("errors.field", hasItem("severity"))
                .body("errors", hasSize(4));
    }
}
