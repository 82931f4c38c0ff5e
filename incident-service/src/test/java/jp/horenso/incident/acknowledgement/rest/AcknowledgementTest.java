package jp.horenso.incident.acknowledgement.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AcknowledgementTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void sectionChiefAcknowledgesAndTheChainIsTold() throws Exception {
        String id = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.chief1())
                .contentType(ContentType.JSON)
                .body(Map.of("comment", "確認しました"))
                .when()
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(201)
                .body("acknowledgedBy", equalTo("chief1"))
                .body("via", equalTo("API"));

        given().auth()
                .oauth2(Tokens.csirt1())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .body("timeline.type", hasItem("ACKNOWLEDGED"))
                .body("timeline.find { it.type == 'ACKNOWLEDGED' }.actor", equalTo("chief1"))
                .body("timeline.find { it.type == 'ACKNOWLEDGED' }.details.comment", equalTo("確認しました"));

        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("IncidentAcknowledged"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("IncidentAcknowledged", record.value());
        JsonNode event = mapper.readTree(record.value());
        assertEquals("chief1", event.at("/data/acknowledgedBy/username").asText());
        assertEquals("API", event.at("/data/via").asText());
    }

    @Test
    void acknowledgementThroughASignedLinkIsRecordedOnceAndSentToTheChain() throws Exception {
        String id = Reports.file(Tokens.staff1());
        String event = """
                {"specversion":"1.0","id":"%s","source":"/horenso/notification-service",
                 "type":"jp.horenso.AcknowledgementLinkUsed","time":"2026-11-24T01:00:00Z","subject":"%s",
                 "organisation":"demo-city","datacontenttype":"application/json","data":{"notificationId":"%s","incidentId":"%s",
                 "hopId":"%s","username":"chief1","acknowledgedAt":"2026-11-24T01:00:00Z"}}""".formatted(
                        java.util.UUID.randomUUID(), id, java.util.UUID.randomUUID(), id, java.util.UUID.randomUUID());
        EventSchemas.assertValid("AcknowledgementLinkUsed", event);
        KafkaTopics.send("horenso.notification-events", id, event);
        KafkaTopics.send("horenso.notification-events", id, event);

        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("IncidentAcknowledged"),
                Duration.ofSeconds(30));
        EventSchemas.assertValid("IncidentAcknowledged", record.value());
        JsonNode acknowledged = mapper.readTree(record.value());
        assertEquals("LINK", acknowledged.at("/data/via").asText());
        assertEquals("chief1", acknowledged.at("/data/acknowledgedBy/username").asText());
        java.util.List<String> types = given().auth()
                .oauth2(Tokens.staff1())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .body("timeline.find { it.type == 'ACKNOWLEDGED' }.details.via", equalTo("LINK"))
                .body("timeline.find { it.type == 'ACKNOWLEDGED' }.actor", equalTo("chief1"))
                .extract()
                .path("timeline.type");
        assertEquals(1, types.stream().filter("ACKNOWLEDGED"::equals).count(), types.toString());
    }

    @Test
    void acknowledgementWithoutBodyIsAccepted() {
        String id = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.head1())
                .contentType(ContentType.JSON)
                .when()
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(201)
                .body("acknowledgedBy", equalTo("head1"));
    }

    @Test
    void staffMayNotAcknowledge() {
        String id = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void chiefOfAnotherSectionCannotAcknowledge() {
        String id = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.chief2())
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void acknowledgingWithoutTokenIsUnauthorized() {
        String id = Reports.file(Tokens.staff1());
        given().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(401);
    }
}
