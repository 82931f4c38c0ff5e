package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A report filed by mistake is withdrawn by the CSIRT with a reason; the case then refuses changes. */
@QuarkusTest
class WithdrawalTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void csirtWithdrawsAReportFiledByMistakeWithAReasonOnTheTimelineAndAnEvent() throws Exception {
        String id = Reports.file(Tokens.staff1());
        withdraw(Tokens.csirt1(), id, "誤って二重に報告されたもの")
                .then()
                .statusCode(200)
                .body("state", equalTo("WITHDRAWN"))
                .body("timeline.type", hasItem("WITHDRAWN"))
                .body("timeline.find { it.type == 'WITHDRAWN' }.details.reason", equalTo("誤って二重に報告されたもの"))
                .body("timeline.find { it.type == 'WITHDRAWN' }.details.state.before", equalTo("REPORTED"))
                .body("timeline.find { it.type == 'WITHDRAWN' }.actor", equalTo("csirt1"));

        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("jp.horenso.IncidentWithdrawn"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("IncidentWithdrawn", record.value());
        JsonNode data = mapper.readTree(record.value()).get("data");
        assertEquals("誤って二重に報告されたもの", data.get("reason").asText());
        assertEquals("csirt1", data.get("withdrawnBy").asText());
    }

    @Test
    void aWithdrawnCaseRefusesRecordChangesLikeAClosedOne() {
        String id = Reports.file(Tokens.staff1());
        withdraw(Tokens.csirt1(), id, "誤報").then().statusCode(200);
        Records.write(Tokens.csirt1(), id, Records.minor())
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("incident.withdrawn"))
                .body("detail", containsString("取り下げ"));
        String etag = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .header("ETag");
        given().auth()
                .oauth2(Tokens.csirt1())
                .header("If-Match", etag)
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(Map.of("severity", "HIGH", "reason", "確認"))
                .post("/api/incidents/" + id + "/severity-override")
                .then()
                .statusCode(409)
                .body("detail", containsString("withdrawn"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "CONTAINMENT", "description", "隔離", "ownerUnit", "general-affairs-section"))
                .post("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/incidents/" + id + "/ciso-reports")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("drill", true, "reason", "訓練だった"))
                .post("/api/incidents/" + id + "/drill-marking")
                .then()
                .statusCode(409);
        withdraw(Tokens.csirt1(), id, "もう一度").then().statusCode(409).contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("state", equalTo("WITHDRAWN"))
                .body("timeline.findAll { it.type == 'WITHDRAWN' }.size()", equalTo(1));
    }

    @Test
    void onlyTheCsirtWithdrawsAndAlwaysWithAReason() {
        String id = Reports.file(Tokens.staff1());
        for (String token : List.of(
                Tokens.staff1(),
                Tokens.chief1(),
                Tokens.head1(),
                Tokens.seclead(),
                Tokens.ciso(),
                Tokens.viceCiso(),
                Tokens.auditor())) {
            withdraw(token, id, "誤報").then().statusCode(403).contentType("application/problem+json");
        }
        withdraw(Tokens.csirt1(), id, " ")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("reason")));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("state", equalTo("REPORTED"));
    }

    private static Response withdraw(String token, String id, String reason) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", reason))
                .post("/api/incidents/" + id + "/withdrawal");
    }
}
