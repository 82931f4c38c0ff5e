package jp.horenso.incident.chain.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import jp.horenso.incident.chain.service.ChainProjection;
import jp.horenso.incident.support.ChainEvents;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/** The chain projection from escalation-service's events (Kafka, schema-checked) and GET /api/incidents/{id}/chain. */
@QuarkusTest
class ChainTest {

    @Inject
    EntityManager em;

    @Test
    void article43_2_everyHopWithItsStateInTheOrderItWasOpened() {
        String id = Reports.file(Tokens.staff1());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        // The section chief let it time out; the chain escalated to the department head and the security lead's
        // deputy; the CISO hop was cancelled when the case moved to another unit.
        String chief = ChainEvents.hopOpened(id, "SECTION_CHIEF", "chief1", now.minusMinutes(30), now.minusMinutes(20));
        ChainEvents.hopTimedOut(id, chief, "SECTION_CHIEF", "chief1", now.minusMinutes(20));
        String head = ChainEvents.hopOpened(
                id, "DEPARTMENT_HEAD", "head1", now.minusMinutes(19), now.plusMinutes(60), "TIMEOUT", null);
        String deputy = ChainEvents.hopOpened(
                id, "SECURITY_LEAD", "csirt1", now.minusMinutes(18), now.plusMinutes(30), "DEPUTY", "seclead");
        ChainEvents.send("HopEscalated", id, now.minusMinutes(19), """
                {"incidentId":"%s","fromHopId":"%s","reason":"TIMEOUT","toHops":[
                 {"hopId":"%s","step":"DEPARTMENT_HEAD","recipient":{"username":"head1"}},
                 {"hopId":"%s","step":"SECURITY_LEAD","recipient":{"username":"csirt1"}}]}""".formatted(id, chief, head, deputy));
        ChainEvents.hopAcknowledged(id, head, "DEPARTMENT_HEAD", "head1", now.minusMinutes(10));
        String ciso =
                ChainEvents.hopOpened(id, "CISO", "ciso", now.minusMinutes(9), now.plusMinutes(5), "SEVERITY", null);
        UUID cancel = ChainEvents.send(
                "HopCancelled", id, now.minusMinutes(5), """
                {"incidentId":"%s","hopId":"%s","step":"CISO","recipient":{"username":"ciso"},
                 "reason":"UNIT_CHANGED","cancelledAt":"%s"}""".formatted(id, ciso, ChainEvents.t(now.minusMinutes(5))));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.staff1())
                        .get("/api/incidents/" + id + "/chain")
                        .then()
                        .statusCode(200)
                        .body("", hasSize(4))
                        .body("[3].state", equalTo("CANCELLED")));
        JsonPath chain = given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id + "/chain")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(chief, head, deputy, ciso), chain.getList("hopId"));
        assertEquals(List.of("TIMED_OUT", "ACKNOWLEDGED", "OPEN", "CANCELLED"), chain.getList("state"));
        assertEquals(List.of(true, false, false, false), chain.getList("overdue"));
        assertEquals("head1", chain.getString("[1].acknowledgedBy"));
        assertEquals(
                now.minusMinutes(10).toInstant(),
                OffsetDateTime.parse(chain.getString("[1].acknowledgedAt")).toInstant());
        assertEquals("seclead", chain.getString("[2].deputyFor"));
        assertEquals("csirt1 様", chain.getString("[2].recipient.name"));
        assertEquals("DEPUTY", chain.getString("[2].trigger"));
        assertTrue(chain.getString("[0].openedAt").endsWith("+09:00"), "Japan time with offset");
        assertEquals(
                now.minusMinutes(30).toInstant(),
                OffsetDateTime.parse(chain.getString("[0].openedAt")).toInstant());
        assertTrue(!chain.prettify().contains("@example.jp"), "no addresses");
        // Applied once: the projection's own row in the processed-event inbox.
        assertEquals(
                1L,
                ((Number) em.createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1 "
                                        + "AND consumer = ?2")
                                .setParameter(1, cancel)
                                .setParameter(2, ChainProjection.CONSUMER)
                                .getSingleResult())
                        .longValue());

        // The case is closed: the open hop is cancelled, the timed-out one no longer overdue.
        ChainEvents.chainStopped(id, now, deputy);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.csirt1())
                        .get("/api/incidents/" + id + "/chain")
                        .then()
                        .statusCode(200)
                        .body("state", equalTo(List.of("TIMED_OUT", "ACKNOWLEDGED", "CANCELLED", "CANCELLED")))
                        .body("overdue", equalTo(List.of(false, false, false, false))));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String id = Reports.file(Tokens.staff1());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String hop = ChainEvents.hopOpened(id, "SECTION_CHIEF", "chief1", now.minusMinutes(2), now.plusMinutes(10));
        ChainEvents.hopAcknowledged(id, hop, "SECTION_CHIEF", "chief1", now.minusMinutes(1));
        ChainEvents.hopTimedOut(id, hop, "SECTION_CHIEF", "chief1", now.plusMinutes(10));
        ChainEvents.hopTimedOut(id, hop, "SECTION_CHIEF", "chief1", now.plusMinutes(10));
        String marker = ChainEvents.hopOpened(id, "DEPARTMENT_HEAD", "head1", now, now.plusMinutes(20));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.chief1())
                        .get("/api/incidents/" + id + "/chain")
                        .then()
                        .statusCode(200)
                        .body("", hasSize(2))
                        .body("[1].hopId", equalTo(marker)));
        given().auth()
                .oauth2(Tokens.chief1())
                .get("/api/incidents/" + id + "/chain")
                .then()
                .body("[0].state", equalTo("ACKNOWLEDGED"))
                .body("[0].acknowledgedBy", equalTo("chief1"));
    }

    @Test
    void onlyThoseWhoMaySeeTheCaseSeeItsChain() {
        String id = Reports.file(Tokens.staff1());
        for (String token : List.of(
                Tokens.staff1(),
                Tokens.chief1(),
                Tokens.head1(),
                Tokens.seclead(),
                Tokens.csirt1(),
                Tokens.ciso(),
                Tokens.auditor())) {
            given().auth()
                    .oauth2(token)
                    .get("/api/incidents/" + id + "/chain")
                    .then()
                    .statusCode(200);
        }
        for (String token : List.of(Tokens.staff2(), Tokens.chief2(), Tokens.head2(), Tokens.committee())) {
            given().auth()
                    .oauth2(token)
                    .get("/api/incidents/" + id + "/chain")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
        given().get("/api/incidents/" + id + "/chain").then().statusCode(401);
    }
}
