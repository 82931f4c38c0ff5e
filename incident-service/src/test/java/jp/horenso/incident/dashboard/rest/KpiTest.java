package jp.horenso.incident.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.dashboard.DashboardFixtures;
import jp.horenso.incident.support.ChainEvents;
import org.junit.jupiter.api.Test;

/**
 * GET /api/kpis: each figure against values worked out by hand (percentile_cont: p90 of 60, 120, 600 is
 * 120 + 0.8 × 480 = 504), with a drill beside each that would change it if it were counted (第48条).
 */
@QuarkusTest
class KpiTest {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Inject
    EntityManager em;

    @Test
    void article48_ackContainAndCloseTimesByMonthInJapanTimeWithoutDrills() {
        DashboardFixtures org = new DashboardFixtures();
        String csirt = org.person("csirt");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String k1 = DashboardFixtures.file(org.staff(), "KPI 1", false);
        String k2 = DashboardFixtures.file(org.staff(), "KPI 2", false);
        String k3 = DashboardFixtures.file(org.staff(), "KPI 3", false);
        String k4 = DashboardFixtures.file(org.staff(), "KPI 4", false);
        String k5 = DashboardFixtures.file(org.staff(), "KPI 5", false);
        String drill = DashboardFixtures.file(csirt, "KPI 訓練", true);
        String closedDrill = DashboardFixtures.file(csirt, "KPI 訓練 完了", true);

        // Time to acknowledge: section chief 60 s, 120 s, 600 s; department head 300 s; a drill's 100,000 s.
        OffsetDateTime ackAt = now.minusMinutes(2);
        acknowledged(k1, "SECTION_CHIEF", 60, ackAt);
        acknowledged(k2, "SECTION_CHIEF", 120, ackAt);
        acknowledged(k3, "SECTION_CHIEF", 600, ackAt);
        acknowledged(k1, "DEPARTMENT_HEAD", 300, ackAt);
        acknowledged(drill, "SECTION_CHIEF", 100_000, ackAt);
        // Acknowledged at 00:30 on the 1st in Japan, still the previous month in UTC: counts in the Japanese month.
        OffsetDateTime monthStart =
                YearMonth.now(JAPAN).atDay(1).atStartOfDay(JAPAN).toOffsetDateTime();
        boolean boundary = monthStart.plusMinutes(30).isBefore(now);
        if (boundary) {
            acknowledged(k2, "CISO", 42, monthStart.plusMinutes(30));
        }

        // Time to contain: reported → first containment done: 1 h, 2 h, 4 h (k1's later one and the drill's ignored).
        contained(k1, 3600, now.minusMinutes(10));
        DashboardFixtures.sql(
                em,
                "INSERT INTO response_action (id, incident_id, kind, description, status, owner_unit, "
                        + "created_by, created_at, updated_by, updated_at, completed_at) VALUES (?1, ?2, 'CONTAINMENT', "
                        + "'二つ目', 'DONE', 'information-policy', 'csirt1', ?3, 'csirt1', ?3, ?3)",
                UUID.randomUUID(),
                UUID.fromString(k1),
                now.minusMinutes(1));
        contained(k2, 7200, now.minusMinutes(3));
        contained(k3, 14_400, now.minusMinutes(4));
        contained(drill, 360_000, now.minusMinutes(5));

        // Time to close: 1 day and 3 days; the drill's 30 days ignored.
        closed(k4, 86_400, now.minusMinutes(1));
        closed(k5, 259_200, now.minusMinutes(1));
        closed(closedDrill, 2_592_000, now.minusMinutes(1));

        // Overdue hops: k1's open one and k2's timed-out one; not k3's (in time), the drill's, the closed case's.
        String user = "section-chief-" + org.organisation;
        ChainEvents.hopOpened(k1, "SECURITY_LEAD", user, now.minusHours(2), now.minusMinutes(10));
        String timedOut = ChainEvents.hopOpened(k2, "SECURITY_LEAD", user, now.minusHours(2), now.minusHours(1));
        ChainEvents.hopTimedOut(k2, timedOut, "SECURITY_LEAD", user, now.minusHours(1));
        ChainEvents.hopOpened(k3, "SECURITY_LEAD", user, now.minusMinutes(1), now.plusHours(1));
        ChainEvents.hopOpened(drill, "SECURITY_LEAD", user, now.minusHours(2), now.minusMinutes(10));
        ChainEvents.hopOpened(k4, "SECURITY_LEAD", user, now.minusHours(2), now.minusMinutes(10));

        // Overdue legal clocks: k1's prompt report, k2's final report; not a withdrawn duty's, not the drill's.
        duty(k1, now.minusHours(1), now.plusDays(20), false, false, now);
        duty(k2, now.minusDays(2), now.minusHours(1), true, false, now);
        duty(k3, now.minusHours(1), now.plusDays(20), false, true, now);
        duty(drill, now.minusHours(1), now.plusDays(20), false, false, now);

        // Open by severity: k1 LOW, k2 CRITICAL, k3 HIGH; k4, k5 closed; the drill not counted.
        DashboardFixtures.sql(
                em, "UPDATE incident SET severity_override = 'CRITICAL' WHERE id = ?1", UUID.fromString(k2));
        DashboardFixtures.sql(em, "UPDATE incident SET severity_override = 'HIGH' WHERE id = ?1", UUID.fromString(k3));

        awaitHops(csirt, k1, 3);
        awaitHops(csirt, k2, boundary ? 3 : 2);
        awaitHops(csirt, k3, 2);
        awaitHops(csirt, drill, 2);
        awaitHops(csirt, k4, 1);

        JsonPath kpis = given().auth()
                .oauth2(csirt)
                .get("/api/kpis?months=3")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
        String thisMonth = YearMonth.now(JAPAN).toString();
        assertEquals(
                List.of(
                        YearMonth.now(JAPAN).minusMonths(2).toString(),
                        YearMonth.now(JAPAN).minusMonths(1).toString(),
                        thisMonth),
                kpis.getList("months.month"));
        JsonPath month = new JsonPath(kpis.prettify()).setRootPath("months[2]");
        assertEquals(figure(120, 504, 3), month.getMap("ackTime.SECTION_CHIEF"));
        assertEquals(figure(300, 300, 1), month.getMap("ackTime.DEPARTMENT_HEAD"));
        if (boundary) {
            assertEquals(figure(42, 42, 1), month.getMap("ackTime.CISO"), "the month is cut in Japan time");
            assertNull(kpis.get("months[1].ackTime.CISO"));
        }
        assertEquals(figure(7200, 12_960, 3), month.getMap("timeToContain"));
        assertEquals(figure(172_800, 241_920, 2), month.getMap("timeToClose"));
        assertEquals(0, kpis.getInt("months[0].timeToClose.count"));
        assertNull(kpis.get("months[0].timeToClose.medianSeconds"));

        Map<String, Object> open = new LinkedHashMap<>();
        open.put("CRITICAL", 1);
        open.put("HIGH", 1);
        open.put("MEDIUM", 0);
        open.put("LOW", 1);
        assertEquals(open, kpis.getMap("openBySeverity"));
        assertEquals(
                List.of("CRITICAL", "HIGH", "MEDIUM", "LOW"),
                List.copyOf(kpis.getMap("openBySeverity").keySet()));
        assertEquals(2, kpis.getInt("overdueHops"));
        assertEquals(2, kpis.getInt("overdueLegalClocks"));
    }

    @Test
    void article48_aCaseMarkedADrillAfterItsHopsAndActionsLeavesTheFigures() {
        // The figures read hops, actions and legal duties by the organisation and drill mark copied onto them (V15,
        // V19): a case corrected to a drill later must take its hops, actions and overdue clocks out with it.
        DashboardFixtures org = new DashboardFixtures();
        String csirt = org.person("csirt");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String real = DashboardFixtures.file(org.staff(), "KPI 実", false);
        String later = DashboardFixtures.file(org.staff(), "KPI 後で訓練", false);
        acknowledged(real, "SECTION_CHIEF", 60, now.minusMinutes(2));
        acknowledged(later, "SECTION_CHIEF", 50_000, now.minusMinutes(2));
        contained(real, 3600, now.minusMinutes(3));
        contained(later, 90_000, now.minusMinutes(3));
        duty(real, now.minusHours(1), now.plusDays(20), false, false, now);
        duty(later, now.minusDays(2), now.minusHours(1), true, false, now);
        awaitHops(csirt, real, 1);
        awaitHops(csirt, later, 1);

        JsonPath before = kpis(csirt);
        assertEquals(2, before.getInt("ackTime.SECTION_CHIEF.count"));
        assertEquals(2, before.getInt("timeToContain.count"));
        assertEquals(2, overdueLegalClocks(csirt));

        given().auth()
                .oauth2(csirt)
                .contentType("application/json")
                .body(Map.of("drill", true, "reason", "訓練と判明"))
                .post("/api/incidents/" + later + "/drill-marking")
                .then()
                .statusCode(200);

        JsonPath after = kpis(csirt);
        assertEquals(figure(60, 60, 1), after.getMap("ackTime.SECTION_CHIEF"));
        assertEquals(figure(3600, 3600, 1), after.getMap("timeToContain"));
        assertEquals(1, overdueLegalClocks(csirt));
    }

    private static int overdueLegalClocks(String token) {
        return given().auth()
                .oauth2(token)
                .get("/api/kpis?months=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("overdueLegalClocks");
    }

    @Test
    void article48_aSettledMonthsKeptFiguresFollowLateAcknowledgementsContainmentsClosingsAndDrillMarks() {
        // A month over for more than an hour is kept once computed (V17 kpi_month); whatever changes it afterwards
        // must show in the next answer, exactly as if it were computed again.
        DashboardFixtures org = new DashboardFixtures();
        String csirt = org.person("csirt");
        OffsetDateTime past = YearMonth.now(JAPAN)
                .minusMonths(2)
                .atDay(15)
                .atTime(12, 0)
                .atZone(JAPAN)
                .toOffsetDateTime();
        String k1 = DashboardFixtures.file(org.staff(), "KPI 先々月 1", false);
        String k2 = DashboardFixtures.file(org.staff(), "KPI 先々月 2", false);
        acknowledged(k1, "SECTION_CHIEF", 60, past);
        contained(k1, 3600, past);
        closed(k2, 86_400, past);
        awaitHops(csirt, k1, 1);

        JsonPath first = twoMonthsAgo(csirt);
        assertEquals(figure(60, 60, 1), first.getMap("ackTime.SECTION_CHIEF"));
        assertEquals(figure(3600, 3600, 1), first.getMap("timeToContain"));
        assertEquals(figure(86_400, 86_400, 1), first.getMap("timeToClose"));
        assertEquals(
                1,
                QuarkusTransaction.requiringNew()
                        .call(() -> ((Number) em.createNativeQuery(
                                                "SELECT count(*) FROM kpi_month WHERE organisation = ?1 AND month = ?2")
                                        .setParameter(1, org.organisation)
                                        .setParameter(
                                                2,
                                                YearMonth.now(JAPAN)
                                                        .minusMonths(2)
                                                        .toString())
                                        .getSingleResult())
                                .intValue()),
                "the settled month is kept");
        JsonPath again = twoMonthsAgo(csirt);
        for (String part : List.of("ackTime", "timeToContain", "timeToClose")) {
            assertEquals(first.getMap(part), again.getMap(part), "the kept figures answer the same: " + part);
        }

        // a hop acknowledged late, in that month: median of 60 and 600 is 330, p90 60 + 0.9 × 540 = 546
        acknowledged(k2, "SECTION_CHIEF", 600, past);
        awaitHops(csirt, k2, 1);
        assertEquals(figure(330, 546, 2), twoMonthsAgo(csirt).getMap("ackTime.SECTION_CHIEF"));

        // an earlier containment of k1 recorded late becomes its first: 1,800 s after the report
        DashboardFixtures.sql(
                em,
                "INSERT INTO response_action (id, incident_id, kind, description, status, owner_unit, "
                        + "created_by, created_at, updated_by, updated_at, completed_at) VALUES (?1, ?2, 'CONTAINMENT', "
                        + "'先に遮断', 'DONE', 'information-policy', 'csirt1', ?3, 'csirt1', ?3, ?3)",
                UUID.randomUUID(),
                UUID.fromString(k1),
                past.minusSeconds(1800));
        assertEquals(figure(1800, 1800, 1), twoMonthsAgo(csirt).getMap("timeToContain"));

        // the closing corrected: two days
        DashboardFixtures.sql(
                em,
                "UPDATE incident SET closed_at = reported_at + interval '2 days' WHERE id = ?1",
                UUID.fromString(k2));
        assertEquals(figure(172_800, 172_800, 1), twoMonthsAgo(csirt).getMap("timeToClose"));

        // k1 was a drill after all: its acknowledgement and containment leave the kept month
        given().auth()
                .oauth2(csirt)
                .contentType("application/json")
                .body(Map.of("drill", true, "reason", "訓練と判明"))
                .post("/api/incidents/" + k1 + "/drill-marking")
                .then()
                .statusCode(200);
        JsonPath after = twoMonthsAgo(csirt);
        assertEquals(figure(600, 600, 1), after.getMap("ackTime.SECTION_CHIEF"));
        assertEquals(0, after.getInt("timeToContain.count"));
        assertNull(after.get("timeToContain.medianSeconds"));
    }

    private static JsonPath twoMonthsAgo(String token) {
        JsonPath all = given().auth()
                .oauth2(token)
                .get("/api/kpis?months=3")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return new JsonPath(all.prettify()).setRootPath("months[0]");
    }

    private static JsonPath kpis(String token) {
        JsonPath all = given().auth()
                .oauth2(token)
                .get("/api/kpis?months=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return new JsonPath(all.prettify()).setRootPath("months[0]");
    }

    @Test
    void theSameRolesAsTheDashboardAndMonthsWithinRange() {
        DashboardFixtures org = new DashboardFixtures();
        for (String role : List.of("csirt", "security-lead", "ciso", "vice-ciso", "auditor")) {
            given().auth()
                    .oauth2(org.person(role))
                    .get("/api/kpis")
                    .then()
                    .statusCode(200)
                    .body("months", hasSize(12));
        }
        for (String token : List.of(
                org.staff(), org.person("section-chief"), org.person("department-head"), org.person("committee"))) {
            given().auth()
                    .oauth2(token)
                    .get("/api/kpis")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        for (String months : List.of("0", "37", "twelve")) {
            given().auth()
                    .oauth2(org.person("csirt"))
                    .get("/api/kpis?months=" + months)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("months"));
        }
    }

    private static Map<String, Object> figure(long median, long p90, long count) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("medianSeconds", (int) median);
        figure.put("p90Seconds", (int) p90);
        figure.put("count", (int) count);
        return figure;
    }

    private static void acknowledged(String incident, String step, long seconds, OffsetDateTime at) {
        OffsetDateTime opened = at.minusSeconds(seconds);
        String hop = ChainEvents.hopOpened(incident, step, "kpi-" + step.toLowerCase(), opened, opened.plusDays(5));
        ChainEvents.hopAcknowledged(incident, hop, step, "kpi-" + step.toLowerCase(), at);
    }

    private void contained(String incident, long seconds, OffsetDateTime doneAt) {
        DashboardFixtures.sql(
                em,
                "UPDATE incident SET reported_at = ?2 WHERE id = ?1",
                UUID.fromString(incident),
                doneAt.minusSeconds(seconds));
        DashboardFixtures.sql(
                em,
                "INSERT INTO response_action (id, incident_id, kind, description, status, owner_unit, "
                        + "created_by, created_at, updated_by, updated_at, completed_at) VALUES (?1, ?2, 'CONTAINMENT', "
                        + "'遮断', 'DONE', 'information-policy', 'csirt1', ?3, 'csirt1', ?3, ?3)",
                UUID.randomUUID(),
                UUID.fromString(incident),
                doneAt);
    }

    private void closed(String incident, long seconds, OffsetDateTime closedAt) {
        DashboardFixtures.sql(
                em,
                "UPDATE incident SET state = 'CLOSED', closed_at = ?2, reported_at = ?3 WHERE id = ?1",
                UUID.fromString(incident),
                closedAt,
                closedAt.minusSeconds(seconds));
    }

    private void duty(
            String incident,
            OffsetDateTime promptDue,
            OffsetDateTime finalDue,
            boolean promptSubmitted,
            boolean withdrawn,
            OffsetDateTime now) {
        DashboardFixtures.sql(
                em,
                "INSERT INTO legal_duty (incident_id, code, rule_set_version, source, reasons, "
                        + "identified_at, prompt_due_at, final_due_at, prompt_submitted_at, withdrawn_at) VALUES (?1, "
                        + "'PPC_APPI', 'test', 'RULES', CAST('[]' AS jsonb), ?2, ?3, ?4, ?5, ?6)",
                UUID.fromString(incident),
                now.minusDays(3),
                promptDue,
                finalDue,
                promptSubmitted ? now.minusDays(2) : null,
                withdrawn ? now.minusMinutes(30) : null);
    }

    private static void awaitHops(String token, String incident, int hops) {
        // Every chain event sent about the case applied (its acknowledgements and time-outs too), not only its hops.
        ChainEvents.awaitApplied(incident, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get("/api/incidents/" + incident + "/chain")
                        .then()
                        .body("", hasSize(hops)));
    }
}
