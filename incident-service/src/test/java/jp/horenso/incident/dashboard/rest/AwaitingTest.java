package jp.horenso.incident.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.support.ChainEvents;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/** GET /api/me/awaiting: the hops waiting for the caller's acknowledgement (第43条2項), deputies included. */
@QuarkusTest
class AwaitingTest {

    @Test
    void article43_2_theHopsAwaitingMeSoonestDeadlineFirstWithDeputyHopsAddressedToTheDeputy() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String chief = "chief-" + suffix;
        String deputy = "deputy-" + suffix;
        String chiefToken = Tokens.token(chief, "general-affairs", "general-affairs-section", "section-chief");
        // The deputy sits in another section: they may not open the case, yet must acknowledge it.
        String deputyToken = Tokens.token(deputy, "welfare", "welfare-section", "section-chief");
        String a = Reports.file(Tokens.staff1());
        String b = Reports.file(Tokens.staff1());
        String c = Reports.file(Tokens.staff1());
        String d = Reports.file(Tokens.staff1());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String hopA = ChainEvents.hopOpened(a, "SECTION_CHIEF", chief, now.minusMinutes(3), now.plusMinutes(10));
        String hopB = ChainEvents.hopOpened(b, "SECTION_CHIEF", chief, now.minusMinutes(2), now.plusMinutes(5));
        String hopC = ChainEvents.hopOpened(c, "SECTION_CHIEF", chief, now.minusMinutes(2), now.plusMinutes(1));
        ChainEvents.hopAcknowledged(c, hopC, "SECTION_CHIEF", chief, now.minusMinutes(1));
        // Timed out and escalated: still the chief's to acknowledge (late), shown overdue.
        String hopD = ChainEvents.hopOpened(d, "SECTION_CHIEF", chief, now.minusMinutes(20), now.minusMinutes(5));
        ChainEvents.hopTimedOut(d, hopD, "SECTION_CHIEF", chief, now.minusMinutes(5));
        String hopDeputy = ChainEvents.hopOpened(
                d, "SECTION_CHIEF", deputy, now.minusMinutes(5), now.plusMinutes(20), "DEPUTY", chief);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(deputyToken)
                        .get("/api/me/awaiting")
                        .then()
                        .statusCode(200)
                        .body("hopId", equalTo(List.of(hopDeputy))));
        JsonPath mine = given().auth()
                .oauth2(chiefToken)
                .get("/api/me/awaiting")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
        assertEquals(List.of(hopD, hopB, hopA), mine.getList("hopId"), "soonest deadline first, acknowledged gone");
        assertEquals(List.of(d, b, a), mine.getList("incidentId"));
        assertEquals(List.of(true, false, false), mine.getList("overdue"));
        assertTrue(mine.getString("[0].number").startsWith("DEMO-"));
        assertEquals("USBメモリの紛失", mine.getString("[1].title"));
        assertEquals("LOW", mine.getString("[1].severity"));
        assertEquals(false, mine.getBoolean("[1].drill"));
        assertEquals("SECTION_CHIEF", mine.getString("[1].step"));
        assertEquals("REPORT", mine.getString("[1].trigger"));
        assertTrue(mine.getString("[1].ackDeadline").endsWith("+09:00"));
        assertEquals(
                now.plusMinutes(5).toInstant(),
                OffsetDateTime.parse(mine.getString("[1].ackDeadline")).toInstant());

        JsonPath deputys = given().auth()
                .oauth2(deputyToken)
                .get("/api/me/awaiting")
                .then()
                .extract()
                .jsonPath();
        assertEquals(chief, deputys.getString("[0].deputyFor"));
        assertEquals(d, deputys.getString("[0].incidentId"));
        assertTrue(
                deputys.getString("[0].number").startsWith("DEMO-"),
                "what the hop needs, though the case is closed to them");
        given().auth().oauth2(deputyToken).get("/api/incidents/" + d).then().statusCode(404);

        // The case was closed: nothing of it awaits anybody.
        ChainEvents.chainStopped(b, now, hopB);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(chiefToken)
                        .get("/api/me/awaiting")
                        .then()
                        .body("hopId", equalTo(List.of(hopD, hopA))));
    }

    @Test
    void anySignedInPersonMayAskAndNobodyElse() {
        String someone = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(Tokens.token(someone, "welfare", "welfare-section", "staff"))
                .get("/api/me/awaiting")
                .then()
                .statusCode(200)
                .body("", equalTo(List.of()));
        given().auth().oauth2(Tokens.auditor()).get("/api/me/awaiting").then().statusCode(200);
        given().get("/api/me/awaiting").then().statusCode(401).contentType("application/problem+json");
    }
}
