package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import jp.horenso.incident.support.Directories;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint × every role × a case of their own unit and one of another unit: who may do what, and that lists
 * and counts never show what the detail view refuses.
 */
@QuarkusTest
class AccessMatrixTest {

    /** The people of the demo city, each with a token shaped like the real realm's. */
    private static final Map<String, String> PEOPLE = new LinkedHashMap<>();

    static {
        PEOPLE.put("staff1", Tokens.staff1());
        PEOPLE.put("staff2", Tokens.staff2());
        PEOPLE.put("chief1", Tokens.chief1());
        PEOPLE.put("chief2", Tokens.chief2());
        PEOPLE.put("head1", Tokens.head1());
        PEOPLE.put("head2", Tokens.head2());
        PEOPLE.put("seclead", Tokens.seclead());
        PEOPLE.put("csirt1", Tokens.csirt1());
        PEOPLE.put("ciso", Tokens.ciso());
        PEOPLE.put("viceciso", Tokens.viceCiso());
        PEOPLE.put("auditor", Tokens.auditor());
        PEOPLE.put("committee", Tokens.committee());
    }

    /** Who sees a case filed by staff1 in 総務課 (general affairs) that was not reported to the committee. */
    private static final List<String> SEE_GENERAL_AFFAIRS_CASE =
            List.of("staff1", "chief1", "head1", "seclead", "csirt1", "ciso", "viceciso", "auditor");

    private String marker;
    private String caseOfStaff1;

    @BeforeEach
    void fileTheCase() {
        Directories.publishDemoCity();
        marker = IncidentSearchTest.marker();
        caseOfStaff1 = IncidentSearchTest.file(Tokens.staff1(), "権限確認 " + marker, "説明", false);
        IncidentSearchTest.file(Tokens.staff2(), "権限確認 福祉 " + marker, "説明", false);
    }

    @Test
    void detailListAndCountShowACaseOnlyToThoseWhoMaySeeIt() {
        List<String> mismatches = new ArrayList<>();
        PEOPLE.forEach((person, token) -> {
            boolean expected = SEE_GENERAL_AFFAIRS_CASE.contains(person);
            int detail = given().auth()
                    .oauth2(token)
                    .get("/api/incidents/" + caseOfStaff1)
                    .statusCode();
            check(mismatches, person, "GET /{id}", expected ? 200 : 404, detail);
            List<String> listed = given().auth()
                    .oauth2(token)
                    .queryParam("q", marker)
                    .get("/api/incidents")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
            check(mismatches, person, "GET / contains", expected, listed.contains(caseOfStaff1));
            int count = given().auth()
                    .oauth2(token)
                    .queryParam("q", marker)
                    .get("/api/incidents/count")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("count");
            check(mismatches, person, "GET /count", listed.size(), count);
        });
        assertEquals(List.of(), mismatches);
    }

    @Test
    void everyEndpointAnswersEachRoleAsThePolicySays() {
        Map<String, BiFunction<RequestSpecification, String, Integer>> endpoints = new LinkedHashMap<>();
        endpoints.put(
                "PUT /{id}/record",
                (req, id) -> req.header("If-Match", etag(id))
                        .contentType(ContentType.JSON)
                        .body(Records.minor())
                        .put("/api/incidents/" + id + "/record")
                        .statusCode());
        endpoints.put(
                "POST /{id}/severity-override",
                (req, id) -> req.header("If-Match", etag(id))
                        .contentType(ContentType.JSON)
                        .body(Map.of("severity", "MEDIUM", "reason", "確認"))
                        .post("/api/incidents/" + id + "/severity-override")
                        .statusCode());
        endpoints.put(
                "POST /{id}/acknowledgements",
                (req, id) -> req.contentType(ContentType.JSON)
                        .body("{}")
                        .post("/api/incidents/" + id + "/acknowledgements")
                        .statusCode());
        endpoints.put(
                "GET /{id}/audit/verify",
                (req, id) -> req.get("/api/incidents/" + id + "/audit/verify").statusCode());
        endpoints.put(
                "GET /{id}/audit/export.csv",
                (req, id) ->
                        req.get("/api/incidents/" + id + "/audit/export.csv").statusCode());
        endpoints.put(
                "GET /statistics",
                (req, id) -> req.get("/api/incidents/statistics").statusCode());
        endpoints.put(
                "GET /{id}/responses",
                (req, id) -> req.get("/api/incidents/" + id + "/responses").statusCode());
        endpoints.put(
                "GET /{id}/communications",
                (req, id) -> req.get("/api/incidents/" + id + "/communications").statusCode());
        endpoints.put(
                "GET /{id}/evidence",
                (req, id) -> req.get("/api/incidents/" + id + "/evidence").statusCode());
        endpoints.put(
                "GET /{id}/ciso-reports",
                (req, id) -> req.get("/api/incidents/" + id + "/ciso-reports").statusCode());
        endpoints.put(
                "GET /{id}/review",
                (req, id) -> req.get("/api/incidents/" + id + "/review").statusCode());
        endpoints.put(
                "GET /{id}/disclosure",
                (req, id) -> req.get("/api/incidents/" + id + "/disclosure").statusCode());
        // Decisions about a whole case change it: each call gets a case of its own.
        endpoints.put(
                "POST /{id}/unit",
                (req, id) -> req.contentType(ContentType.JSON)
                        .body(Map.of("unit", "welfare-section", "reason", "福祉課の端末"))
                        .post("/api/incidents/" + Reports.file(Tokens.staff1()) + "/unit")
                        .statusCode());
        endpoints.put(
                "POST /{id}/withdrawal",
                (req, id) -> req.contentType(ContentType.JSON)
                        .body(Map.of("reason", "誤報"))
                        .post("/api/incidents/" + Reports.file(Tokens.staff1()) + "/withdrawal")
                        .statusCode());
        endpoints.put(
                "POST /{id}/drill-marking",
                (req, id) -> req.contentType(ContentType.JSON)
                        .body(Map.of("drill", true, "reason", "訓練"))
                        .post("/api/incidents/" + Reports.file(Tokens.staff1()) + "/drill-marking")
                        .statusCode());
        endpoints.put("GET /api/units", (req, id) -> req.get("/api/units").statusCode());

        Map<String, Map<String, Integer>> expected = new LinkedHashMap<>();
        expected.put("PUT /{id}/record", statuses(403, Map.of("seclead", 200, "csirt1", 200)));
        expected.put("POST /{id}/severity-override", statuses(403, Map.of("csirt1", 200)));
        // The vice-CISO receives what the CISO receives (第9条) and may acknowledge it; it decides nothing.
        expected.put(
                "POST /{id}/acknowledgements",
                statuses(
                        403,
                        Map.of(
                                "chief1",
                                201,
                                "chief2",
                                404,
                                "head1",
                                201,
                                "head2",
                                404,
                                "seclead",
                                201,
                                "csirt1",
                                201,
                                "ciso",
                                201,
                                "viceciso",
                                201)));
        Map<String, Integer> auditors =
                Map.of("seclead", 200, "csirt1", 200, "ciso", 200, "viceciso", 200, "auditor", 200);
        expected.put("GET /{id}/audit/verify", statuses(403, auditors));
        expected.put("GET /{id}/audit/export.csv", statuses(403, auditors));
        Map<String, Integer> statistics = new LinkedHashMap<>(statuses(200, Map.of()));
        statistics.put("staff1", 403);
        statistics.put("staff2", 403);
        expected.put("GET /statistics", statistics);
        // Reading the record: whoever may see the case (404 for the other unit, like the case itself).
        Map<String, Integer> seers = new LinkedHashMap<>();
        PEOPLE.keySet().forEach(p -> seers.put(p, SEE_GENERAL_AFFAIRS_CASE.contains(p) ? 200 : 404));
        // The response's contents are for those who handle or review it: its reporter (staff1) follows the progress
        // on the timeline instead (issue 12, README "Timeline visibility").
        Map<String, Integer> responses = new LinkedHashMap<>(seers);
        responses.put("staff1", 403);
        expected.put("GET /{id}/responses", responses);
        expected.put("GET /{id}/communications", seers);
        // Evidence: not staff, not the committee (roles), and only within the case's unit for chiefs and heads.
        Map<String, Integer> evidence = new LinkedHashMap<>(seers);
        evidence.put("staff1", 403);
        evidence.put("staff2", 403);
        evidence.put("committee", 403);
        expected.put("GET /{id}/evidence", evidence);
        // The CISO review and disclosure: security lead, CSIRT, CISO, auditor; the committee only for cases reported
        // to it (this one was not: 404, as if it did not exist).
        Map<String, Integer> review = new LinkedHashMap<>(statuses(
                403,
                Map.of("seclead", 200, "csirt1", 200, "ciso", 200, "viceciso", 200, "auditor", 200, "committee", 404)));
        expected.put("GET /{id}/ciso-reports", review);
        expected.put("GET /{id}/review", review);
        expected.put(
                "GET /{id}/disclosure",
                statuses(403, Map.of("seclead", 200, "csirt1", 200, "ciso", 200, "viceciso", 200, "auditor", 200)));
        // 第44条2項: the CSIRT and the security lead move a case; 第48条: they mark drills; the CSIRT withdraws.
        expected.put("POST /{id}/unit", statuses(403, Map.of("seclead", 200, "csirt1", 200)));
        expected.put("POST /{id}/withdrawal", statuses(403, Map.of("csirt1", 200)));
        expected.put("POST /{id}/drill-marking", statuses(403, Map.of("seclead", 200, "csirt1", 200)));
        expected.put("GET /api/units", statuses(200, Map.of()));

        List<String> mismatches = new ArrayList<>();
        endpoints.forEach((endpoint, call) -> PEOPLE.forEach((person, token) -> {
            int status = call.apply(given().auth().oauth2(token), caseOfStaff1);
            check(mismatches, person, endpoint, expected.get(endpoint).get(person), status);
        }));
        PEOPLE.keySet().forEach(person -> {
            int status = given().get("/api/incidents/" + caseOfStaff1).statusCode();
            check(mismatches, "(no token)", "GET /{id}", 401, status);
        });
        assertEquals(List.of(), mismatches);
    }

    private static Map<String, Integer> statuses(int otherwise, Map<String, Integer> exceptions) {
        Map<String, Integer> result = new LinkedHashMap<>();
        PEOPLE.keySet().forEach(p -> result.put(p, exceptions.getOrDefault(p, otherwise)));
        return result;
    }

    private static String etag(String id) {
        return given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .header("ETag");
    }

    private static void check(List<String> mismatches, String person, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            mismatches.add(person + " " + what + ": expected " + expected + " but was " + actual);
        }
    }
}
