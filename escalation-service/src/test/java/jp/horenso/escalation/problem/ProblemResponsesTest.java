package jp.horenso.escalation.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jp.horenso.escalation.support.ChainVersions;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/**
 * Every error of the API is an RFC 9457 problem (application/problem+json) in Japanese by default and in English
 * with {@code Accept-Language: en}, names the field at fault, carries the request's correlation id (header and
 * member), and stores nothing.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class ProblemResponsesTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String TYPES = "https://horenso.example.jp/problems/";
    private static final String CHAIN = "/api/chain";

    /** A valid chain for test-admin with {@code step0} as the first step's extra JSON. */
    private static String chain(String step0) {
        return """
                {"start": [{"steps": ["section-chief"]}],
                 "steps": [
                   {"id": "section-chief", "position": "SECTION_CHIEF", "ackWithin": "PT1H"%s},
                   {"id": "security-lead", "position": "SECURITY_LEAD", "ackWithin": "PT1H", "onTimeout": []}]}""".formatted(step0);
    }

    @Test
    void noTokenIs401() {
        problem(given().when().get(CHAIN), 401)
                .body("type", is(TYPES + "unauthorized"))
                .body("title", is("認証が必要です"));
        problem(given().header("Accept-Language", "en").when().get(CHAIN), 401)
                .body("title", is("Authentication required"));
    }

    @Test
    @TestSecurity(
            user = "csirt1",
            roles = "csirt",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-city"))
    void wrongRoleIs403AndNothingIsSaved() {
        int versions = ChainVersions.count();
        problem(
                        given().contentType(ContentType.JSON)
                                .body(chain(", \"onTimeout\": [\"security-lead\"]"))
                                .when()
                                .put(CHAIN),
                        403)
                .body("type", is(TYPES + "forbidden"))
                .body("title", is("権限がありません"));
        problem(
                        given().header("Accept-Language", "en")
                                .contentType(ContentType.JSON)
                                .body(chain(", \"onTimeout\": [\"security-lead\"]"))
                                .when()
                                .put(CHAIN),
                        403)
                .body("title", is("Not allowed"));
        assertEquals(versions, ChainVersions.count());
    }

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void unknownPathAndUnknownVersionAre404() {
        problem(given().when().get("/api/no-such-thing"), 404).body("title", is("見つかりません"));
        problem(given().when().get(CHAIN + "/versions/987654"), 404)
                .body("type", is(TYPES + "not-found"))
                .body("detail", is("報告経路の版 987654 はありません。"));
        problem(given().header("Accept-Language", "en").when().get(CHAIN + "/versions/987654"), 404)
                .body("title", is("Not found"))
                .body("detail", is("There is no chain version 987654."));
    }

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void wrongMethodIs405AndWrongMediaTypeIs415() {
        problem(given().when().delete(CHAIN), 405).body("title", is("このメソッドは使えません"));
        problem(
                        given().header("Accept-Language", "en")
                                .contentType("text/plain")
                                .body("steps")
                                .when()
                                .put(CHAIN),
                        415)
                .body("title", is("Unsupported media type"));
    }

    /** A typo must not be saved as a chain whose first step never escalates (issue 11). */
    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void article107_chainEditWithAMisspelledFieldIsRefusedByNameAndNoVersionIsSaved() {
        int versions = ChainVersions.count();
        String typo = chain(", \"onTimout\": [\"security-lead\"]");

        problem(given().contentType(ContentType.JSON).body(typo).when().put(CHAIN), 400)
                .body("type", is(TYPES + "validation"))
                .body("title", is("リクエストの項目に誤りがあります"))
                .body("errors.field", contains("steps[0].onTimout"))
                .body("errors[0].message", is("この項目は受け付けません。"));
        problem(
                        given().header("Accept-Language", "en")
                                .contentType(ContentType.JSON)
                                .body(typo)
                                .when()
                                .put(CHAIN),
                        400)
                .body("title", is("The request has invalid fields"))
                .body("errors.field", contains("steps[0].onTimout"))
                .body("errors[0].message", is("This field is not accepted."));
        problem(given().contentType(ContentType.JSON).body(typo).when().post(CHAIN + "/validation"), 400)
                .body("errors.field", contains("steps[0].onTimout"));
        assertEquals(versions, ChainVersions.count());
    }

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void controlCharacterInATextIsRefusedByNameAndNothingIsSaved() {
        int versions = ChainVersions.count();
        String nul = chain("").replace("\"security-lead\", \"position\"", "\"security\\u0000lead\", \"position\"");

        problem(given().contentType(ContentType.JSON).body(nul).when().put(CHAIN), 400)
                .body("errors.field", contains("steps[1].id"))
                .body("errors[0].message", is("文字列に制御文字は使えません。"));
        problem(
                        given().header("Accept-Language", "en")
                                .contentType(ContentType.JSON)
                                .body(nul)
                                .when()
                                .put(CHAIN),
                        400)
                .body("errors[0].message", is("Control characters are not accepted in text."));
        assertEquals(versions, ChainVersions.count());
    }

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void unreadableJsonIs400ForTheBody() {
        int versions = ChainVersions.count();
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"steps\": [")
                                .when()
                                .put(CHAIN),
                        400)
                .body("errors.field", contains("body"))
                .body("errors[0].message", is("本文が正しい JSON ではありません。"));
        problem(
                        given().header("Accept-Language", "en")
                                .contentType(ContentType.JSON)
                                .body("{\"steps\": [")
                                .when()
                                .put(CHAIN),
                        400)
                .body("errors[0].message", is("The body is not valid JSON."));
        assertEquals(versions, ChainVersions.count());
    }

    @Test
    @TestSecurity(
            user = "a-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-admin"))
    void theCallersCorrelationIdIsAnsweredInHeaderAndBody() {
        given().header("X-Correlation-Id", "ticket-4711")
                .when()
                .get(CHAIN + "/versions/987654")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .header("X-Correlation-Id", "ticket-4711")
                .body("correlationId", is("ticket-4711"));
    }

    /** The answer is a problem with {@code status}, and its correlation id is the same in header and body. */
    private static ValidatableResponse problem(Response response, int status) {
        ValidatableResponse answer = response.then()
                .statusCode(status)
                .contentType(PROBLEM)
                .body("status", is(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("correlationId", matchesPattern("[A-Za-z0-9._-]{1,64}"))
                .body(not(containsString("Exception")));
        answer.body("correlationId", is(response.header("X-Correlation-Id")));
        return answer;
    }
}
