package jp.horenso.escalation.chain.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.support.ChainVersions;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/** The chain as data, editable without a redeploy (第107条 緊急時対応計画), in test-admin. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class ChainResourceTest {

    private static final String CHAIN = "/api/chain";

    /**
     * A chain for test-admin: a section chief's own report goes to the security lead; the section chief's
     * time-out goes to {@code next}.
     */
    private static String chain(String next) {
        return """
                {"start": [{"reporterRole": "section-chief", "steps": ["security-lead"]},
                           {"steps": ["section-chief"]}],
                 "steps": [
                   {"id": "section-chief", "position": "SECTION_CHIEF", "ackWithin": "PT2S", "onTimeout": ["%s"]},
                   {"id": "security-lead", "position": "SECURITY_LEAD", "ackWithin": "PT1H", "onTimeout": ["ciso"]},
                   {"id": "ciso", "position": "CISO", "ackWithin": "PT1H", "onTimeout": []}]}""".formatted(next);
    }

    private final EscalationEventLog published = EscalationEventLog.get();

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void article107_chainIsVersionedAndEachCaseKeepsItsVersion() {
        int before = Integer.parseInt(given().when()
                .get(CHAIN)
                .then()
                .statusCode(200)
                .body("organisation", equalTo("test-admin"))
                .extract()
                .header("ETag")
                .replace("\"", ""));
        UUID first = report();
        assertEquals(
                before,
                published
                        .await(first, "ChainStarted", 1)
                        .get(0)
                        .path("data")
                        .path("chainVersion")
                        .asInt());

        given().contentType(ContentType.JSON)
                .header("If-Match", "\"" + before + "\"")
                .body(chain("ciso"))
                .when()
                .put(CHAIN)
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/chain/versions/" + (before + 1)))
                .body("version", equalTo(before + 1))
                .body("createdBy", equalTo("a-seclead"))
                .body("definition.steps[0].onTimeout", equalTo(List.of("ciso")));
        UUID second = report();
        assertEquals(
                before + 1,
                published
                        .await(second, "ChainStarted", 1)
                        .get(0)
                        .path("data")
                        .path("chainVersion")
                        .asInt());

        // The first case escalates as its own version says, the second as the new one.
        assertEquals("SECURITY_LEAD/a-seclead", escalatedTo(first));
        assertEquals("CISO/a-ciso", escalatedTo(second));
        given().when().get(CHAIN + "/versions").then().statusCode(200).body("version", hasItems(before, before + 1));
        given().when()
                .get(CHAIN + "/versions/" + before)
                .then()
                .statusCode(200)
                .body("definition.steps[0].onTimeout", equalTo(List.of("security-lead")));
    }

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void article107_chainWithACycleIsRefusedSayingWhereAndNothingChanges() {
        int versions = ChainVersions.count();
        String cycle = chain("security-lead").replace("\"onTimeout\": []", "\"onTimeout\": [\"security-lead\"]");

        given().contentType(ContentType.JSON)
                .body(cycle)
                .when()
                .put(CHAIN)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("報告経路が正しくありません"))
                .body("detail", containsString("何も変更していません"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("steps[2].onTimeout[0]"))
                .body("errors[0].message", containsString("security-lead → ciso → security-lead"))
                .body("errors[0].message", containsString("循環"));
        given().contentType(ContentType.JSON)
                .header("Accept-Language", "en")
                .body(cycle)
                .when()
                .put(CHAIN)
                .then()
                .statusCode(422)
                .body("errors[0].message", containsString("cycle"));
        assertEquals(versions, ChainVersions.count());
    }

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void article43_2_onAcknowledgeNamingAnUnknownStepIsRefusedSayingWhereAndNothingChanges() {
        int versions = ChainVersions.count();
        String bad = chain("ciso")
                .replace(
                        "\"ackWithin\": \"PT2S\",",
                        "\"ackWithin\": \"PT2S\", \"onAcknowledge\": [\"security-lead\", \"department-head\"],");

        given().contentType(ContentType.JSON)
                .body(bad)
                .when()
                .put(CHAIN)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("steps[0].onAcknowledge[1]"))
                .body("errors[0].message", containsString("department-head"))
                .body("errors[0].message", containsString("定義されていません"));
        given().contentType(ContentType.JSON)
                .header("Accept-Language", "en")
                .body(bad)
                .when()
                .put(CHAIN)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("steps[0].onAcknowledge[1]"))
                .body("errors[0].message", containsString("is not defined"));
        assertEquals(versions, ChainVersions.count());
        // The same chain with a known step validates.
        given().contentType(ContentType.JSON)
                .body(bad.replace(", \"department-head\"]", "]"))
                .when()
                .post(CHAIN + "/validation")
                .then()
                .statusCode(204);
    }

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void article107_everyProblemOfABadChainIsListedWithWhereItIs() {
        int versions = ChainVersions.count();
        String bad = """
                {"immediately": {"HIGH": "PT0S"},
                 "start": [{"steps": ["section-chief"]}],
                 "steps": [
                   {"id": "section-chief", "position": "SECTION_CHIEF", "ackWithin": "PT0S",
                    "repeat": {"times": 1, "every": "-PT5M"}, "onTimeout": ["department-head"]},
                   {"id": "department-head", "position": "DEPARTMENT_HEAD", "ackWithin": "-PT1M", "onTimeout": []},
                   {"id": "orphan", "position": "VICE_CISO", "ackWithin": "PT1H"}]}""";

        given().contentType(ContentType.JSON)
                .header("Accept-Language", "en")
                .body(bad)
                .when()
                .post(CHAIN + "/validation")
                .then()
                .statusCode(422)
                .body(
                        "errors.field",
                        hasItems(
                                "immediately.HIGH",
                                "steps[0].ackWithin",
                                "steps[0].repeat.every",
                                "steps[1].ackWithin",
                                "steps[2]"))
                .body("errors.find { it.field == 'steps[2]' }.message", containsString("orphan"));
        // Structurally sound, but a department has no head and no deputy, and nobody is vice-CISO.
        String unstaffed = bad.replace("\"PT0S\"", "\"PT5M\"")
                .replace("\"-PT5M\"", "\"PT5M\"")
                .replace("\"-PT1M\"", "\"PT1H\"")
                .replace("\"onTimeout\": []}", "\"onTimeout\": [\"orphan\"]}");
        given().contentType(ContentType.JSON)
                .header("Accept-Language", "en")
                .body(unstaffed)
                .when()
                .put(CHAIN)
                .then()
                .statusCode(422)
                .body("errors", hasSize(2))
                .body("errors.field", hasItems("steps[1].position", "steps[2].position"))
                .body("errors.message", hasItem(containsString("DEPARTMENT_HEAD of ad-empty (Vacant Department)")))
                .body("errors.message", hasItem(containsString("Nobody holds VICE_CISO")));
        assertEquals(versions, ChainVersions.count());
    }

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void unknownPositionIsABadRequestNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(chain("security-lead").replace("\"CISO\"", "\"MAYOR\""))
                .when()
                .put(CHAIN)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("steps[2].position"));
    }

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void writingOverANewerVersionIsRefused() {
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(chain("security-lead"))
                .when()
                .put(CHAIN)
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(
            user = "csirt1",
            roles = "csirt",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-city"))
    void csirtReadsTheChainButMayNotWriteIt() {
        given().when()
                .get(CHAIN)
                .then()
                .statusCode(200)
                .body("organisation", equalTo("demo-city"))
                .body("definition.conditions.when", hasItems("SEVERITY", "MARKED_SERIOUS", "LEGAL_REPORT_DUE"));
        given().contentType(ContentType.JSON)
                .body(chain("security-lead"))
                .when()
                .put(CHAIN)
                .then()
                .statusCode(403);
    }

    @Test
    @TestSecurity(
            user = "staff1",
            roles = "staff",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-city"))
    void staffMayNotReadTheChain() {
        given().when().get(CHAIN).then().statusCode(403);
    }

    @Test
    void callerWithoutIdentityIsUnauthorized() {
        given().when().get(CHAIN).then().statusCode(401);
    }

    private UUID report() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reportedIn(
                "test-admin", incident, "a-staff", "ad-sec", "ad-dept", List.of("staff"), null, false));
        return incident;
    }

    private String escalatedTo(UUID incident) {
        JsonNode to = published
                .await(incident, "HopEscalated", 1)
                .get(0)
                .path("data")
                .path("toHops")
                .get(0);
        return to.path("step").asText() + "/"
                + to.path("recipient").path("username").asText();
    }
}
