package jp.horenso.incident.timeline.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.support.ChainEvents;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.NotificationEvents;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Who sees which timeline entry (issue 12, README "Timeline visibility"): one case, read by its reporter (staff), the
 * section chief of its unit and a CSIRT member.
 */
@QuarkusTest
class TimelineVisibilityTest {

    private static final String SMTP_ERROR = "550 5.1.1 mailbox unavailable at mx.demo-city.example.jp";

    @Test
    void staffSeeTheirReportsProgressTheChiefTheResponseAndTheCsirtEverything() {
        String id = Reports.file(Tokens.staff1());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ChainEvents.hopOpened(id, "SECTION_CHIEF", "chief1", now, now.plusMinutes(15));
        KafkaTopics.send(
                NotificationEvents.TOPIC, id, NotificationEvents.failed("demo-city", id, "chief1", SMTP_ERROR));
        given().auth()
                .oauth2(Tokens.chief1())
                .contentType(ContentType.JSON)
                .body("{\"comment\":\"課長確認：端末を隔離済み\"}")
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "kind",
                        "CONTAINMENT",
                        "description",
                        "C2 サーバ 203.0.113.7 への通信を遮断",
                        "ownerUnit",
                        "general-affairs-section"))
                .post("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.csirt1())
                        .get("/api/incidents/" + id)
                        .then()
                        .statusCode(200)
                        .body("timeline.type", hasItems("HOP_OPENED", "NOTIFICATION_FAILED")));

        JsonPath csirt = view(Tokens.csirt1(), id);
        assertTrue(
                csirt.getList("timeline.type")
                        .containsAll(List.of(
                                "REPORTED",
                                "HOP_OPENED",
                                "NOTIFICATION_FAILED",
                                "ACKNOWLEDGED",
                                "RESPONSE_ACTION_RECORDED")),
                csirt.prettify());
        assertEquals(SMTP_ERROR, csirt.getString("timeline.find { it.type == 'NOTIFICATION_FAILED' }.details.error"));

        JsonPath chief = view(Tokens.chief1(), id);
        assertTrue(chief.getList("timeline.type").contains("RESPONSE_ACTION_RECORDED"), chief.prettify());
        assertTrue(chief.getList("timeline.type").contains("NOTIFICATION_FAILED"));
        assertNull(chief.get("timeline.find { it.type == 'NOTIFICATION_FAILED' }.details.error"));
        assertFalse(chief.prettify().contains("mailbox unavailable"), "no delivery error text for the section chief");

        JsonPath staff = view(Tokens.staff1(), id);
        List<String> types = staff.getList("timeline.type");
        assertTrue(types.containsAll(List.of("REPORTED", "HOP_OPENED", "ACKNOWLEDGED")), types.toString());
        for (String hidden : List.of(
                "SEVERITY_ASSESSED", "NOTIFICATION_FAILED", "NOTIFICATION_REQUESTED", "RESPONSE_ACTION_RECORDED")) {
            assertFalse(types.contains(hidden), hidden + " shown to the reporter: " + types);
        }
        String body = staff.prettify();
        assertFalse(body.contains("mailbox unavailable"), "SMTP error shown to the reporter");
        assertFalse(body.contains("203.0.113.7"), "response contents shown to the reporter");
        assertFalse(body.contains("端末を隔離済み"), "another person's comment shown to the reporter");
        assertEquals("chief1", staff.getString("timeline.find { it.type == 'ACKNOWLEDGED' }.actor"));
        assertEquals(List.of(), staff.getList("legalDuties"));
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    private static JsonPath view(String token, String id) {
        return given().auth()
                .oauth2(token)
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
