package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Drills are declared, not slipped in (第48条). */
@QuarkusTest
class DrillMarkingTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void article48_onlyCsirtAndSecurityLeadMayFileADrill() {
        for (String token : List.of(Tokens.staff1(), Tokens.chief1(), Tokens.head1(), Tokens.ciso())) {
            String title = "訓練 " + UUID.randomUUID();
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(drill(title))
                    .post("/api/incidents")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("第48条"));
            given().auth()
                    .oauth2(Tokens.csirt1())
                    .queryParam("q", title)
                    .get("/api/incidents/count")
                    .then()
                    .body("count", equalTo(0));
        }
        given().auth()
                .oauth2(Tokens.staff1())
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(drill("訓練"))
                .post("/api/incidents")
                .then()
                .statusCode(403)
                .body("detail", containsString("Only the CSIRT and the security lead"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(drill("訓練"))
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .body("drill", equalTo(true));
        given().auth()
                .oauth2(Tokens.seclead())
                .contentType(ContentType.JSON)
                .body(drill("訓練"))
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .body("drill", equalTo(true));
    }

    @Test
    void article48_securityLeadMarksACaseAsADrillWithAReasonOnTheTimelineAndAnEvent() throws Exception {
        String id = Reports.file(Tokens.staff1());
        mark(Tokens.seclead(), id, true, "年次の報告訓練として実施")
                .then()
                .statusCode(200)
                .body("drill", equalTo(true))
                .body("timeline.find { it.type == 'DRILL_MARKING_CHANGED' }.details.drill.before", equalTo(false))
                .body("timeline.find { it.type == 'DRILL_MARKING_CHANGED' }.details.drill.after", equalTo(true))
                .body("timeline.find { it.type == 'DRILL_MARKING_CHANGED' }.details.reason", equalTo("年次の報告訓練として実施"))
                .body("timeline.find { it.type == 'DRILL_MARKING_CHANGED' }.actor", equalTo("seclead"));
        JsonNode data = event(id, true);
        assertEquals("seclead", data.get("changedBy").asText());
        assertEquals("年次の報告訓練として実施", data.get("reason").asText());
        // Marked again: nothing to change.
        mark(Tokens.csirt1(), id, true, "再度").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void article48_onlyTheCsirtCorrectsADrillToNotADrill() throws Exception {
        String id = given().auth()
                .oauth2(Tokens.seclead())
                .contentType(ContentType.JSON)
                .body(drill("訓練のつもり"))
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        mark(Tokens.seclead(), id, false, "実案件だった")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("CSIRT"));
        mark(Tokens.csirt1(), id, false, "実際の侵害と判明").then().statusCode(200).body("drill", equalTo(false));
        JsonNode data = event(id, false);
        assertFalse(data.get("drill").asBoolean());
        assertEquals("csirt1", data.get("changedBy").asText());
    }

    @Test
    void article48_markingNeedsAReasonAndTheRightRole() {
        String id = Reports.file(Tokens.staff1());
        for (String token : List.of(
                Tokens.staff1(), Tokens.chief1(), Tokens.head1(), Tokens.ciso(), Tokens.viceCiso(), Tokens.auditor())) {
            mark(token, id, true, "訓練").then().statusCode(403).contentType("application/problem+json");
        }
        mark(Tokens.csirt1(), id, true, "").then().statusCode(400).body("errors.field", equalTo(List.of("reason")));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "訓練"))
                .post("/api/incidents/" + id + "/drill-marking")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("drill")));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("drill", equalTo(false));
    }

    private JsonNode event(String id, boolean drill) throws Exception {
        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("jp.horenso.IncidentDrillMarkingChanged"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("IncidentDrillMarkingChanged", record.value());
        JsonNode data = mapper.readTree(record.value()).get("data");
        assertTrue(data.get("drill").asBoolean() == drill, record.value());
        return data;
    }

    private static Response mark(String token, String id, boolean drill, String reason) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("drill", drill, "reason", reason))
                .post("/api/incidents/" + id + "/drill-marking");
    }

    private static Map<String, Object> drill(String title) {
        Map<String, Object> body = Reports.valid();
        body.put("title", title);
        body.put("drill", true);
        return body;
    }
}
