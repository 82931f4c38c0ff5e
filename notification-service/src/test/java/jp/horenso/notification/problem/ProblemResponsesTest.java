package jp.horenso.notification.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every error of the API is an RFC 9457 problem (application/problem+json) in Japanese by default and in English
 * with {@code Accept-Language: en}, names the field at fault, carries the request's correlation id (header and
 * member), and stores nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class ProblemResponsesTest {

    @org.junit.jupiter.api.AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    private static final String PROBLEM = "application/problem+json";
    private static final String TYPES = "https://horenso.example.jp/problems/";

    @Inject
    DataSource db;

    @Test
    void noTokenIs401() {
        problem(given().when().get("/api/recipients/staff1/delivery"), 401)
                .body("type", is(TYPES + "unauthorized"))
                .body("title", is("認証が必要です"));
        problem(given().header("Accept-Language", "en").when().get("/api/inbox"), 401)
                .body("title", is("Authentication required"));
    }

    @Test
    void wrongRoleIs403AndChangesNothing() {
        Tokens.actAs("staff1", "staff");
        String username = someone();
        problem(
                        given().contentType("application/json")
                                .body("{\"channels\": []}")
                                .when()
                                .put("/api/recipients/" + username + "/delivery"),
                        403)
                .body("type", is(TYPES + "forbidden"))
                .body("title", is("権限がありません"));
        problem(given().header("Accept-Language", "en").when().get("/api/recipients/" + username + "/delivery"), 403)
                .body("title", is("Not allowed"));
        assertEquals(0, Rows.count(db, "SELECT 1 FROM recipient_setting WHERE username = ?", username));
    }

    @Test
    void unknownPathAndUnknownInboxItemAre404() {
        Tokens.actAs("staff1", "staff");
        problem(given().when().get("/api/no-such-thing"), 404).body("title", is("見つかりません"));
        problem(given().header("Accept-Language", "en").when().post("/api/inbox/987654321/read"), 404)
                .body("type", is(TYPES + "not-found"))
                .body("title", is("Not found"))
                .body("detail", is("There is no such item in your inbox."));
        problem(given().when().post("/api/inbox/987654321/read"), 404).body("detail", is("受信箱にその通知はありません。"));
    }

    @Test
    void wrongMethodIs405AndWrongMediaTypeIs415() {
        Tokens.actAs("seclead", "security-lead");
        problem(given().when().delete("/api/recipients/staff1/delivery"), 405).body("title", is("このメソッドは使えません"));
        problem(
                        given().header("Accept-Language", "en")
                                .contentType("text/plain")
                                .body("channels")
                                .when()
                                .put("/api/recipients/" + someone() + "/delivery"),
                        415)
                .body("title", is("Unsupported media type"));
    }

    @Test
    void unknownFieldIsRefusedByNameAndNothingIsSaved() {
        Tokens.actAs("seclead", "security-lead");
        String username = someone();
        given().contentType("application/json")
                .body("{\"channels\": [{\"channel\": \"MAIL\", \"address\": \"first@demo-city.example.jp\"}]}")
                .when()
                .put("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(200);

        // A typo must not be saved as settings without the digest window the security lead meant to set.
        problem(
                        given().contentType("application/json")
                                .body("{\"channels\": [], \"digestWindw\": \"PT10M\"}")
                                .when()
                                .put("/api/recipients/" + username + "/delivery"),
                        400)
                .body("type", is(TYPES + "validation"))
                .body("title", is("リクエストの項目に誤りがあります"))
                .body("errors.field", contains("digestWindw"))
                .body("errors[0].message", is("この項目は受け付けません。"));
        problem(
                        given().header("Accept-Language", "en")
                                .contentType("application/json")
                                .body(
                                        "{\"channels\": [{\"channel\": \"MAIL\", \"adress\": \"typo@demo-city.example.jp\"}]}")
                                .when()
                                .put("/api/recipients/" + username + "/delivery"),
                        400)
                .body("title", is("The request has invalid fields"))
                .body("errors.field", contains("channels[0].adress"))
                .body("errors[0].message", is("This field is not accepted."));

        given().when()
                .get("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(200)
                .body("channels", hasSize(1))
                .body("channels[0].address", is("first@demo-city.example.jp"))
                .body("digestWindow", is((Object) null));
    }

    @Test
    void controlCharacterInATextIsRefusedByNameAndNothingIsSaved() {
        Tokens.actAs("seclead", "security-lead");
        String username = someone();
        problem(
                        given().contentType("application/json")
                                .body(
                                        "{\"channels\": [{\"channel\": \"MAIL\", \"address\": \"a\\u0000b@demo-city.example.jp\"}]}")
                                .when()
                                .put("/api/recipients/" + username + "/delivery"),
                        400)
                .body("errors.field", contains("channels[0].address"))
                .body("errors[0].message", is("文字列に制御文字は使えません。"));
        assertEquals(0, Rows.count(db, "SELECT 1 FROM recipient_channel WHERE username = ?", username));
    }

    @Test
    void unreadableJsonIs400ForTheBody() {
        Tokens.actAs("seclead", "security-lead");
        String username = someone();
        problem(
                        given().contentType("application/json")
                                .body("{\"channels\": [")
                                .when()
                                .put("/api/recipients/" + username + "/delivery"),
                        400)
                .body("errors.field", contains("body"))
                .body("errors[0].message", is("本文が正しい JSON ではありません。"));
        problem(
                        given().header("Accept-Language", "en")
                                .contentType("application/json")
                                .body("{\"channels\": [")
                                .when()
                                .put("/api/recipients/" + username + "/delivery"),
                        400)
                .body("errors[0].message", is("The body is not valid JSON."));
        assertEquals(0, Rows.count(db, "SELECT 1 FROM recipient_channel WHERE username = ?", username));
    }

    @Test
    void theCallersCorrelationIdIsAnsweredInHeaderAndBody() {
        Tokens.actAs("seclead", "security-lead");
        ExtractableResponse<Response> response = given().header("X-Correlation-Id", "ticket-4711")
                .contentType("application/json")
                .body("{\"digestWindow\": \"PT99H\"}")
                .when()
                .put("/api/recipients/" + someone() + "/delivery")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .header("X-Correlation-Id", "ticket-4711")
                .body("correlationId", is("ticket-4711"))
                .body("errors.field", contains("digestWindow"))
                .extract();
        assertEquals("ticket-4711", response.header("X-Correlation-Id"));
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
        String header = response.header("X-Correlation-Id");
        answer.body("correlationId", is(header));
        return answer;
    }

    private static String someone() {
        return "problem-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
