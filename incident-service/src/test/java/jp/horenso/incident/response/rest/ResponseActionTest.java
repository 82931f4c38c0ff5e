package jp.horenso.incident.response.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResponseActionTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Test
    void article44_3_containmentAndRecoveryAreRecordedWithOwnerDueDateAndStatus() throws Exception {
        String id = Reports.file(Tokens.staff1());
        LocalDate due = LocalDate.now().plusDays(3);
        Response containment = record(
                Tokens.csirt1(),
                id,
                action("CONTAINMENT", "当該端末をネットワークから切り離す", "general-affairs-section", null, due, null));
        containment
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/incidents/" + id + "/responses/" + containment.path("id")))
                .header("ETag", equalTo("\"0\""))
                .body("kind", equalTo("CONTAINMENT"))
                .body("ownerUnit", equalTo("general-affairs-section"))
                .body("ownerPerson", nullValue())
                .body("dueDate", equalTo(due.toString()))
                .body("status", equalTo("PLANNED"))
                .body("overdue", equalTo(false))
                .body("createdBy", equalTo("csirt1"))
                .body("createdAt", notNullValue())
                .body("startedAt", nullValue());
        record(Tokens.csirt1(), id, action("RECOVERY", "バックアップからファイルサーバーを復元する", null, "chief1", due, "IN_PROGRESS"))
                .then()
                .statusCode(201)
                .body("ownerPerson", equalTo("chief1"))
                .body("status", equalTo("IN_PROGRESS"))
                .body("startedAt", notNullValue())
                .body("completedAt", nullValue());

        // The reporter follows the progress on the timeline; the response's contents are for the section chief.
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.chief1())
                .get("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(200)
                .body("kind", equalTo(List.of("CONTAINMENT", "RECOVERY")))
                .body("description[0]", equalTo("当該端末をネットワークから切り離す"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/responses?kind=RECOVERY")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].kind", equalTo("RECOVERY"));

        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        assertEquals(
                List.of("RESPONSE_ACTION_RECORDED", "RESPONSE_ACTION_RECORDED"),
                view.getList("timeline.findAll { it.type == 'RESPONSE_ACTION_RECORDED' }.type"));
        Map<String, Object> first = view.getMap("timeline.find { it.type == 'RESPONSE_ACTION_RECORDED' }.details");
        assertEquals("CONTAINMENT", first.get("kind"));
        assertEquals("general-affairs-section", first.get("ownerUnit"));
        assertEquals(due.toString(), first.get("dueDate"));
        assertEquals("PLANNED", first.get("status"));

        String actionId = containment.path("id");
        ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key())
                        && r.value().contains("ResponseActionRecorded")
                        && r.value().contains(actionId),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("ResponseActionRecorded", event.value());
        JsonNode data = mapper.readTree(event.value()).get("data");
        assertEquals("CONTAINMENT", data.get("kind").asText());
        assertEquals("general-affairs-section", data.get("ownerUnit").asText());
        assertEquals("csirt1", data.get("recordedBy").asText());
        assertEquals(false, data.has("description"), "descriptions stay out of events");
    }

    @Test
    void article44_3_sectionChiefAndDepartmentHeadOfTheCaseRecordTheContainmentTheirUnitCarriesOut() {
        String id = Reports.file(Tokens.staff1());
        record(
                        Tokens.chief1(),
                        id,
                        action("CONTAINMENT", "共有フォルダのアクセス権を外す", "general-affairs-section", null, null, null))
                .then()
                .statusCode(201)
                .body("createdBy", equalTo("chief1"));
        record(Tokens.head1(), id, action("RECOVERY", "業務を紙で継続する", "general-affairs", null, null, null))
                .then()
                .statusCode(201);
        record(
                        Tokens.chief1(),
                        id,
                        action("RECURRENCE_PREVENTION", "研修を行う", "general-affairs-section", null, null, null))
                .then()
                .statusCode(403)
                .contentType("application/problem+json");

        String csirtAction = record(
                        Tokens.csirt1(), id, action("CONTAINMENT", "USBポートを無効にする", null, "chief1", null, null))
                .path("id");
        update(Tokens.chief1(), id, csirtAction, "\"0\"", change("USBポートを無効にする", null, "chief1", null, "DONE"))
                .then()
                .statusCode(200)
                .body("status", equalTo("DONE"))
                .body("updatedBy", equalTo("chief1"));

        // Another section's chief does not even see the case.
        record(Tokens.chief2(), id, action("CONTAINMENT", "x", "welfare-section", null, null, null))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void article44_4_recurrencePreventionIsRecorded() throws Exception {
        String id = Reports.file(Tokens.staff1());
        Response created = record(
                Tokens.csirt1(),
                id,
                action(
                        "RECURRENCE_PREVENTION",
                        "外部記録媒体の持ち出しを許可制にする",
                        "information-policy",
                        null,
                        LocalDate.now().plusDays(30),
                        null));
        created.then().statusCode(201).body("kind", equalTo("RECURRENCE_PREVENTION"));
        String actionId = created.path("id");

        update(
                        Tokens.csirt1(),
                        id,
                        actionId,
                        "\"0\"",
                        change(
                                "外部記録媒体の持ち出しを許可制にする",
                                "information-policy",
                                null,
                                LocalDate.now().plusDays(30),
                                "IN_PROGRESS"))
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("startedAt", notNullValue());
        update(
                        Tokens.seclead(),
                        id,
                        actionId,
                        "\"1\"",
                        change(
                                "外部記録媒体の持ち出しを許可制にする",
                                "information-policy",
                                null,
                                LocalDate.now().plusDays(30),
                                "DONE"))
                .then()
                .statusCode(200)
                .body("status", equalTo("DONE"))
                .body("completedAt", notNullValue())
                .body("version", equalTo(2));

        JsonPath view = given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id)
                .jsonPath();
        List<Map<String, Object>> updates = view.getList("timeline.findAll { it.type == 'RESPONSE_ACTION_UPDATED' }");
        assertEquals(2, updates.size());
        assertEquals(Map.of("before", "IN_PROGRESS", "after", "DONE"), statusChange(updates.get(1)));
        assertEquals("seclead", updates.get(1).get("actor"));

        ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key())
                        && r.value().contains("ResponseActionStatusChanged")
                        && r.value().contains("\"DONE\""),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("ResponseActionStatusChanged", event.value());
        JsonNode data = mapper.readTree(event.value()).get("data");
        assertEquals("IN_PROGRESS", data.get("previousStatus").asText());
        assertEquals("RECURRENCE_PREVENTION", data.get("kind").asText());
        assertNotNull(data.get("completedAt").textValue());
    }

    @Test
    void revisedOwnerAndDueDateAreOnTheTimelineWithBeforeAndAfterAndPublished() throws Exception {
        String id = Reports.file(Tokens.staff1());
        LocalDate due = LocalDate.now().plusDays(2);
        String actionId = record(
                        Tokens.csirt1(),
                        id,
                        action("CONTAINMENT", "パスワードを変更する", "general-affairs-section", null, due, null))
                .path("id");
        update(Tokens.csirt1(), id, actionId, "\"0\"", change("パスワードを変更する", null, "staff1", due.plusDays(1), "PLANNED"))
                .then()
                .statusCode(200)
                .body("ownerPerson", equalTo("staff1"))
                .body("ownerUnit", nullValue())
                .body("dueDate", equalTo(due.plusDays(1).toString()));

        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        Map<String, Object> changes =
                view.getMap("timeline.find { it.type == 'RESPONSE_ACTION_UPDATED' }.details.changes");
        assertEquals(Map.of("before", "general-affairs-section"), withoutNull(changes.get("ownerUnit")));
        assertEquals(Map.of("after", "staff1"), withoutNull(changes.get("ownerPerson")));
        assertEquals(Map.of("before", due.toString(), "after", due.plusDays(1).toString()), changes.get("dueDate"));
        assertEquals(false, changes.containsKey("status"));
        assertEquals(false, changes.containsKey("description"));

        ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("ResponseActionRevised"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("ResponseActionRevised", event.value());
        JsonNode data = mapper.readTree(event.value()).get("data");
        assertEquals(
                List.of("ownerUnit", "ownerPerson", "dueDate"),
                mapper.convertValue(data.get("changedFields"), List.class));
    }

    @Test
    void staleActionUpdateIsRefusedWith412() {
        String id = Reports.file(Tokens.staff1());
        String actionId = record(
                        Tokens.csirt1(),
                        id,
                        action("CONTAINMENT", "端末を回収する", "general-affairs-section", null, null, null))
                .path("id");
        String etag = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/responses/" + actionId)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        update(
                        Tokens.csirt1(),
                        id,
                        actionId,
                        etag,
                        change("端末を回収し保管庫へ", "general-affairs-section", null, null, "IN_PROGRESS"))
                .then()
                .statusCode(200);
        update(
                        Tokens.seclead(),
                        id,
                        actionId,
                        etag,
                        change("古い版に基づく変更", "general-affairs-section", null, null, "CANCELLED"))
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(change("x", "general-affairs-section", null, null, "DONE"))
                .put("/api/incidents/" + id + "/responses/" + actionId)
                .then()
                .statusCode(428)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/responses/" + actionId)
                .then()
                .body("description", equalTo("端末を回収し保管庫へ"))
                .body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void actionStatusCannotGoBackFromDone() {
        String id = Reports.file(Tokens.staff1());
        String done = record(
                        Tokens.csirt1(), id, action("RECOVERY", "サーバーを再構築する", "information-policy", null, null, "DONE"))
                .then()
                .statusCode(201)
                .body("completedAt", notNullValue())
                .extract()
                .path("id");
        for (String back : List.of("IN_PROGRESS", "PLANNED", "CANCELLED")) {
            update(Tokens.csirt1(), id, done, "\"0\"", change("サーバーを再構築する", "information-policy", null, null, back))
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json");
        }
        // Nothing about a finished action changes, not even its text.
        update(Tokens.csirt1(), id, done, "\"0\"", change("書き換え", "information-policy", null, null, "DONE"))
                .then()
                .statusCode(409);

        String started = record(
                        Tokens.csirt1(),
                        id,
                        action("RECOVERY", "ログを確認する", "information-policy", null, null, "IN_PROGRESS"))
                .path("id");
        update(Tokens.csirt1(), id, started, "\"0\"", change("ログを確認する", "information-policy", null, null, "PLANNED"))
                .then()
                .statusCode(409)
                .body("detail", containsString("IN_PROGRESS"));
        update(Tokens.csirt1(), id, started, "\"0\"", change("ログを確認する", "information-policy", null, null, "CANCELLED"))
                .then()
                .statusCode(200)
                .body("cancelledAt", notNullValue());
        update(
                        Tokens.csirt1(),
                        id,
                        started,
                        "\"1\"",
                        change("ログを確認する", "information-policy", null, null, "IN_PROGRESS"))
                .then()
                .statusCode(409);

        record(Tokens.csirt1(), id, action("RECOVERY", "x", "information-policy", null, null, "CANCELLED"))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("status"));
    }

    @Test
    void ownerIsExactlyOneUnitOrPerson() {
        String id = Reports.file(Tokens.staff1());
        record(Tokens.csirt1(), id, action("CONTAINMENT", "x", "general-affairs-section", "chief1", null, null))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("ownerUnit", "ownerPerson"));
        record(Tokens.csirt1(), id, action("CONTAINMENT", "x", null, null, null, null))
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("ownerUnit", "ownerPerson"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/responses")
                .then()
                .body("$", hasSize(0));
    }

    @Test
    void badActionInputIsRefusedWith400NamingTheField() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> noDescription = action("CONTAINMENT", " ", "general-affairs-section", null, null, null);
        record(Tokens.csirt1(), id, noDescription)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("description"));
        record(
                        Tokens.csirt1(),
                        id,
                        action("CONTAINMENT", "あ".repeat(2001), "general-affairs-section", null, null, null))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("description"));
        Map<String, Object> badKind = action("CONTAINMENT", "x", "general-affairs-section", null, null, null);
        badKind.put("kind", "FIREFIGHTING");
        record(Tokens.csirt1(), id, badKind)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", containsString("CONTAINMENT, RECOVERY, RECURRENCE_PREVENTION"));
        Map<String, Object> badDate = action("CONTAINMENT", "x", "general-affairs-section", null, null, null);
        badDate.put("dueDate", "来週");
        record(Tokens.csirt1(), id, badDate).then().statusCode(400).body("errors[0].field", equalTo("dueDate"));
        record(Tokens.csirt1(), id, action("CONTAINMENT", "x", "総務課", null, null, null))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("ownerUnit"));
        Map<String, Object> unknown = action("CONTAINMENT", "x", "general-affairs-section", null, null, null);
        unknown.put("createdBy", "mallory");
        given().auth()
                .oauth2(Tokens.csirt1())
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(unknown)
                .post("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("createdBy"))
                .body("errors[0].message", equalTo("This field is not accepted."));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/responses?status=FINISHED")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/responses")
                .then()
                .body("$", hasSize(0));
    }

    @Test
    void staffAndAuditorCannotWriteAndOtherSectionsCannotSee() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> body = action("CONTAINMENT", "x", "general-affairs-section", null, null, null);
        record(Tokens.staff1(), id, body).then().statusCode(403).contentType("application/problem+json");
        record(Tokens.auditor(), id, body).then().statusCode(403);
        record(Tokens.ciso(), id, body).then().statusCode(403);
        String actionId = record(Tokens.csirt1(), id, body).path("id");
        update(Tokens.staff1(), id, actionId, "\"0\"", change("y", "general-affairs-section", null, null, "DONE"))
                .then()
                .statusCode(403);
        update(Tokens.auditor(), id, actionId, "\"0\"", change("y", "general-affairs-section", null, null, "DONE"))
                .then()
                .statusCode(403);

        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id + "/responses/" + actionId)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.chief1())
                .get("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(200)
                .body("$", hasSize(1));
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id + "/responses/" + actionId)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.staff2())
                .get("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.staff2())
                .get("/api/incidents/" + id + "/responses/" + actionId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.chief2())
                .get("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(404);
        given().get("/api/incidents/" + id + "/responses").then().statusCode(401);

        // An action id under another case's path is not found either.
        String other = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + other + "/responses/" + actionId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void closedCaseTakesNoMoreActions() {
        String id = Reports.file(Tokens.staff1());
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("UPDATE incident SET state = 'CLOSED', closed_at = now() WHERE id = ?1")
                        .setParameter(1, UUID.fromString(id))
                        .executeUpdate());
        record(Tokens.csirt1(), id, action("CONTAINMENT", "x", "general-affairs-section", null, null, null))
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    static Map<String, Object> action(
            String kind, String description, String ownerUnit, String ownerPerson, LocalDate due, String status) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("description", description);
        body.put("ownerUnit", ownerUnit);
        body.put("ownerPerson", ownerPerson);
        body.put("dueDate", due == null ? null : due.toString());
        if (status != null) {
            body.put("status", status);
        }
        return body;
    }

    static Map<String, Object> change(
            String description, String ownerUnit, String ownerPerson, LocalDate due, String status) {
        Map<String, Object> body = new HashMap<>();
        body.put("description", description);
        body.put("ownerUnit", ownerUnit);
        body.put("ownerPerson", ownerPerson);
        body.put("dueDate", due == null ? null : due.toString());
        body.put("status", status);
        return body;
    }

    static Response record(String token, String id, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/incidents/" + id + "/responses");
    }

    static Response update(String token, String id, String actionId, String etag, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/incidents/" + id + "/responses/" + actionId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusChange(Map<String, Object> entry) {
        Map<String, Object> details = (Map<String, Object>) entry.get("details");
        return (Map<String, Object>) ((Map<String, Object>) details.get("changes")).get("status");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNull(Object change) {
        Map<String, Object> result = new HashMap<>((Map<String, Object>) change);
        result.values().removeIf(v -> v == null);
        return result;
    }
}
