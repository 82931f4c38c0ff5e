package jp.horenso.incident.common.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every failure of the API is answered as RFC 9457 problem+json, in Japanese by default and in English when asked
 * for, with a correlation id in the {@code X-Correlation-Id} header and the {@code correlationId} member — from
 * authentication through routing to reading the body (issue 11).
 */
@QuarkusTest
class ProblemResponsesTest {

    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");

    @Test
    void withoutATokenTheAnswerIs401() {
        inBothLanguages(spec -> spec.get("/api/incidents"), 401, "unauthorized", null);
    }

    @Test
    void aRoleThatMayNotCallGets403() {
        String id = Reports.file(Tokens.staff1());
        inBothLanguages(
                spec -> spec.auth()
                        .oauth2(Tokens.staff1())
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "誤報"))
                        .post("/api/incidents/" + id + "/withdrawal"),
                403,
                "forbidden",
                null);
    }

    @Test
    void anUnknownPathAndAnUnknownCaseAre404() {
        inBothLanguages(spec -> spec.auth().oauth2(Tokens.csirt1()).get("/api/no-such-thing"), 404, "http-404", null);
        inBothLanguages(
                spec -> spec.auth().oauth2(Tokens.csirt1()).get("/api/incidents/" + UUID.randomUUID()),
                404,
                "incident.not-found",
                null);
    }

    @Test
    void aMethodTheUrlDoesNotTakeIs405() {
        inBothLanguages(spec -> spec.auth().oauth2(Tokens.csirt1()).delete("/api/incidents"), 405, "http-405", null);
    }

    @Test
    void aMediaTypeTheUrlDoesNotTakeIs415() {
        inBothLanguages(
                spec -> spec.auth()
                        .oauth2(Tokens.staff1())
                        .contentType(ContentType.TEXT)
                        .body("USB紛失")
                        .post("/api/incidents"),
                415,
                "http-415",
                null);
    }

    @Test
    void aMisspelledFieldIsRefusedByNameAndNothingIsSaved() {
        String marker = "綴り誤り-" + UUID.randomUUID();
        Map<String, Object> report = Reports.valid();
        report.put("title", marker);
        report.put("descripton", report.remove("description"));
        inBothLanguages(
                spec -> spec.auth()
                        .oauth2(Tokens.staff1())
                        .contentType(ContentType.JSON)
                        .body(report)
                        .post("/api/incidents"),
                400,
                "validation",
                "descripton");
        assertNothingSavedWithTitle(marker);
    }

    @Test
    void aControlCharacterInATextIsRefusedByNameAndNothingIsSaved() {
        String marker = "制御文字-" + UUID.randomUUID();
        Map<String, Object> report = Reports.valid();
        report.put("title", marker + "\u0000");
        inBothLanguages(
                spec -> spec.auth()
                        .oauth2(Tokens.staff1())
                        .contentType(ContentType.JSON)
                        .body(report)
                        .post("/api/incidents"),
                400,
                "validation",
                "title");
        assertNothingSavedWithTitle(marker);
    }

    @Test
    void unreadableJsonIs400NamingTheBody() {
        inBothLanguages(
                spec -> spec.auth()
                        .oauth2(Tokens.staff1())
                        .contentType(ContentType.JSON)
                        .body("{\"title\": \"USB")
                        .post("/api/incidents"),
                400,
                "validation",
                "body");
    }

    /** Asks twice, without and with {@code Accept-Language: en}, and checks both problems. */
    private static void inBothLanguages(
            Function<RequestSpecification, Response> request, int status, String type, String field) {
        Response japanese = request.apply(given());
        assertProblem(japanese, status, type, field);
        assertTrue(JAPANESE.matcher(japanese.path("title")).find(), "Japanese title: " + japanese.asString());
        assertTrue(JAPANESE.matcher(japanese.path("detail")).find(), "Japanese detail: " + japanese.asString());

        Response english = request.apply(given().header("Accept-Language", "en"));
        assertProblem(english, status, type, field);
        assertFalse(JAPANESE.matcher(english.path("title")).find(), "English title: " + english.asString());
        assertFalse(JAPANESE.matcher(english.path("detail")).find(), "English detail: " + english.asString());
    }

    private static void assertProblem(Response response, int status, String type, String field) {
        String body = response.asString();
        assertEquals(status, response.statusCode(), body);
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        assertEquals(status, (int) response.path("status"), body);
        assertEquals("https://horenso.example.jp/problems/" + type, response.path("type"), body);
        String correlationId = response.header("X-Correlation-Id");
        assertNotNull(correlationId, "X-Correlation-Id header");
        assertEquals(correlationId, response.path("correlationId"), body);
        if (field != null) {
            List<String> fields = response.path("errors.field");
            assertEquals(List.of(field), fields, body);
        }
    }

    /** No case has {@code title}; the same count finds the case once one is filed with it (the check can fail). */
    private static void assertNothingSavedWithTitle(String title) {
        assertEquals(0, countWithTitle(title), "nothing saved");
        Map<String, Object> report = Reports.valid();
        report.put("title", title);
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(report)
                .post("/api/incidents")
                .then()
                .statusCode(201);
        assertEquals(1, countWithTitle(title), "the count sees a saved case");
    }

    private static int countWithTitle(String title) {
        return given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", title)
                .get("/api/incidents/count")
                .then()
                .statusCode(200)
                .extract()
                .path("count");
    }
}
