package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import jp.horenso.incident.support.Directories;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Organisations;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The section a case concerns (第44条2項, 第43条1項): who may name which, checked against the directory. */
@QuarkusTest
class SectionConcernedTest {

    private static final String EVENTS = "horenso.incident-events";

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void directoryArrived() {
        Directories.publishDemoCity();
    }

    @Test
    void article44_2_csirtMayFileForAnyUnitAndTheEventNamesTheUnitConcernedAndItsDepartment() throws Exception {
        String id = file(Tokens.csirt1(), "welfare-section")
                .then()
                .statusCode(201)
                .body("unit", equalTo("welfare-section"))
                .body("department", equalTo("welfare"))
                .extract()
                .path("id");
        JsonNode data = reported(id);
        assertEquals("welfare-section", data.get("unit").asText());
        assertEquals("welfare", data.get("department").asText());
        // Who filed it stays who filed it.
        assertEquals("information-policy", data.at("/reportedBy/unit").asText());
        // The case is the welfare section's: its chief and head see it, the general-affairs chief does not.
        given().auth()
                .oauth2(Tokens.chief2())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200);
        given().auth().oauth2(Tokens.head2()).get("/api/incidents/" + id).then().statusCode(200);
        given().auth()
                .oauth2(Tokens.chief1())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void article44_2_securityLeadMayFileForAnyUnit() {
        file(Tokens.seclead(), "general-affairs-section")
                .then()
                .statusCode(201)
                .body("unit", equalTo("general-affairs-section"))
                .body("department", equalTo("general-affairs"));
    }

    @Test
    void article43_1_staffDefaultToTheirOwnSectionAndMayNameOnlyIt() {
        file(Tokens.staff2(), null)
                .then()
                .statusCode(201)
                .body("unit", equalTo("welfare-section"))
                .body("department", equalTo("welfare"));
        file(Tokens.staff2(), "welfare-section").then().statusCode(201).body("unit", equalTo("welfare-section"));
        String title = "他課の報告 " + UUID.randomUUID();
        file(Tokens.staff2(), "general-affairs-section", title)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("general-affairs-section"));
        assertNothingStored(title);
    }

    @Test
    void article43_2_sectionChiefMayNameOnlyTheirOwnSection() {
        file(Tokens.chief1(), "general-affairs-section").then().statusCode(201);
        file(Tokens.chief1(), "information-policy").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void article43_4_departmentHeadMayNameTheSectionsOfTheirDepartmentOnly() {
        file(Tokens.head1(), "information-policy")
                .then()
                .statusCode(201)
                .body("unit", equalTo("information-policy"))
                .body("department", equalTo("general-affairs"));
        // Their own unit (the department) needs no naming.
        file(Tokens.head1(), null)
                .then()
                .statusCode(201)
                .body("unit", equalTo("general-affairs"))
                .body("department", equalTo("general-affairs"));
        file(Tokens.head1(), "welfare-section").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void article44_2_unknownUnitIsRefusedNamingTheFieldInJapaneseAndEnglishAndNothingIsStored() {
        String title = "存在しない課 " + UUID.randomUUID();
        file(Tokens.csirt1(), "no-such-section", title)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("unit")))
                .body("errors[0].message", containsString("no-such-section"))
                .body("errors[0].message", containsString("名簿"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(body("welfare", title))
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("unit")))
                .body("errors[0].message", containsString("not in the organisation's directory"));
        assertNothingStored(title);
        assertTrue(
                KafkaTopics.records(EVENTS, r -> r.value().contains(title), Duration.ofSeconds(3), 1)
                        .isEmpty(),
                "no event for a refused report");
    }

    @Test
    void article44_2_beforeAnyDirectoryArrivedOnlyTheOwnUnitIsAccepted() {
        String org = "org-" + UUID.randomUUID();
        Organisations.onboard(org);
        String csirt = Tokens.tokenIn(org, "csirt9", "policy-dept", "policy-section", "csirt");
        given().auth()
                .oauth2(csirt)
                .contentType(ContentType.JSON)
                .body(body(null, "自課"))
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .body("unit", equalTo("policy-section"))
                .body("department", equalTo("policy-dept"));
        given().auth()
                .oauth2(csirt)
                .contentType(ContentType.JSON)
                .body(body("policy-section", "自課"))
                .post("/api/incidents")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(csirt)
                .contentType(ContentType.JSON)
                .body(body("other-section", "他課"))
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("unit")))
                .body("errors[0].message", containsString("まだ受信していない"));
    }

    @Test
    void article44_2_csirtMovesACaseToTheSectionItConcernsAndTheChainAndVisibilityFollow() throws Exception {
        String id = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.chief2())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(404);

        move(Tokens.csirt1(), id, "welfare-section", "福祉課のPCと判明")
                .then()
                .statusCode(200)
                .body("unit", equalTo("welfare-section"))
                .body("department", equalTo("welfare"))
                .body("timeline.type", hasItem("UNIT_CHANGED"))
                .body(
                        "timeline.find { it.type == 'UNIT_CHANGED' }.details.unit.before",
                        equalTo("general-affairs-section"))
                .body("timeline.find { it.type == 'UNIT_CHANGED' }.details.unit.after", equalTo("welfare-section"))
                .body("timeline.find { it.type == 'UNIT_CHANGED' }.details.reason", equalTo("福祉課のPCと判明"))
                .body("timeline.find { it.type == 'UNIT_CHANGED' }.actor", equalTo("csirt1"));
        given().auth()
                .oauth2(Tokens.chief2())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.chief1())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(404);
        // The reporter still sees what they filed.
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200);

        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                EVENTS,
                r -> id.equals(r.key()) && r.value().contains("jp.horenso.IncidentUnitChanged"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("IncidentUnitChanged", record.value());
        JsonNode data = mapper.readTree(record.value()).get("data");
        assertEquals("general-affairs-section", data.get("previousUnit").asText());
        assertEquals("welfare-section", data.get("unit").asText());
        assertEquals("welfare", data.get("department").asText());
        assertEquals("csirt1", data.get("changedBy").asText());

        // The same unit again is a conflict; security lead may move it back.
        move(Tokens.seclead(), id, "welfare-section", "再確認")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        move(Tokens.seclead(), id, "general-affairs-section", "総務課の端末だった")
                .then()
                .statusCode(200)
                .body("unit", equalTo("general-affairs-section"));
    }

    @Test
    void article44_2_movingIsForCsirtAndSecurityLeadToAKnownSectionWithAReason() {
        String id = Reports.file(Tokens.staff1());
        for (String token : List.of(
                Tokens.staff1(), Tokens.chief1(), Tokens.head1(), Tokens.ciso(), Tokens.viceCiso(), Tokens.auditor())) {
            move(token, id, "welfare-section", "理由").then().statusCode(403).contentType("application/problem+json");
        }
        move(Tokens.csirt1(), id, "welfare", "部は課ではない")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("unit")));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("unit", "welfare-section"))
                .post("/api/incidents/" + id + "/unit")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reason"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("unit", equalTo("general-affairs-section"));
    }

    private static Response move(String token, String id, String unit, String reason) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("unit", unit, "reason", reason))
                .post("/api/incidents/" + id + "/unit");
    }

    private JsonNode reported(String id) throws Exception {
        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                EVENTS,
                r -> id.equals(r.key()) && r.value().contains("jp.horenso.IncidentReported"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("IncidentReported", record.value());
        return mapper.readTree(record.value()).get("data");
    }

    private static void assertNothingStored(String title) {
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", title)
                .get("/api/incidents/count")
                .then()
                .body("count", equalTo(0));
    }

    static Response file(String token, String unit) {
        return file(token, unit, "課の指定 " + UUID.randomUUID());
    }

    static Response file(String token, String unit, String title) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body(unit, title))
                .post("/api/incidents");
    }

    static Map<String, Object> body(String unit, String title) {
        Map<String, Object> body = Reports.valid();
        body.put("title", title);
        if (unit != null) {
            body.put("unit", unit);
        }
        return body;
    }
}
