package jp.horenso.incident.disclosure.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import jp.horenso.incident.disclosure.DisclosureFixtures;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Decisions carry what the people they reach need: the approved draft, the acknowledging person's comment. */
@QuarkusTest
class DecisionEventsTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void article43_5_approvingADisclosureDraftIsPublishedAsAnEvent() throws Exception {
        String id = Reports.file(Tokens.staff1());
        DisclosureFixtures.decide(Tokens.ciso(), id, "INDIVIDUAL_PRESS_RELEASE")
                .then()
                .statusCode(200);
        DisclosureFixtures.saveDraft(
                        Tokens.csirt1(), id, DisclosureFixtures.text("USBメモリの紛失について", "窓口で使用していたUSBメモリを紛失しました。"))
                .then()
                .statusCode(201);
        DisclosureFixtures.approve(Tokens.ciso(), id, 1).then().statusCode(200);

        JsonNode data = event(id, "DisclosureDraftApproved");
        assertEquals(1, data.get("draftVersion").asInt());
        assertEquals("ciso", data.get("approvedBy").asText());
        assertEquals(false, data.get("drill").asBoolean());
    }

    @Test
    void article43_2_theAcknowledgementsCommentTravelsWithTheEvent() throws Exception {
        String id = Reports.file(Tokens.staff1());
        String comment = "確認しました。部長と情報政策課長に報告します。".repeat(2);
        given().auth()
                .oauth2(Tokens.chief1())
                .contentType(ContentType.JSON)
                .body(Map.of("comment", comment))
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(201);
        assertEquals(comment, event(id, "IncidentAcknowledged").get("comment").asText());

        // Longer than 2000 characters: refused, naming the field.
        given().auth()
                .oauth2(Tokens.chief1())
                .contentType(ContentType.JSON)
                .body(Map.of("comment", "あ".repeat(2001)))
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("comment"));
    }

    private JsonNode event(String id, String name) throws Exception {
        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("jp.horenso." + name + "\""),
                Duration.ofSeconds(20));
        EventSchemas.assertValid(name, record.value());
        return mapper.readTree(record.value()).get("data");
    }
}
