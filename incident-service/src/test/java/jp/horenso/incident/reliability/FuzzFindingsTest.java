package jp.horenso.incident.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * What the REST fuzzer ({@link RestFuzzTest}) found, kept as named behaviour (issue 14, docs/reliability.md): each
 * of these was answered 500 or accepted before.
 */
@QuarkusTest
class FuzzFindingsTest {

    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");

    /** Was 500: the JAX-RS language parser threw inside the problem mapper itself. */
    @Test
    void anAcceptLanguageWithAMalformedWeightIsAnsweredInJapaneseNotWith500() {
        for (String header : new String[] {"en;q=abc", "!!!;;;q=x", "ja;q=1.5.5"}) {
            Response response = given().header("Accept-Language", header).get("/api/incidents");
            assertEquals(401, response.statusCode(), header + ": " + response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
            assertTrue(JAPANESE.matcher(response.path("title")).find(), response.asString());

            Response missing = given().auth()
                    .oauth2(Tokens.csirt1())
                    .header("Accept-Language", header)
                    .get("/api/incidents/" + UUID.randomUUID());
            assertEquals(404, missing.statusCode(), header + ": " + missing.asString());
            assertTrue(missing.contentType().startsWith("application/problem+json"), missing.contentType());
        }
    }

    /** Was 500 (a record read through its constructor given a field twice is a Jackson definition error). */
    @Test
    void aFieldNamedTwiceIsRefusedAs400AndNothingChanges() {
        String id = Reports.file(Tokens.staff1());
        String unitBefore = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .path("unit");
        Response response = given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body("{\"unit\":\"welfare-section\",\"reason\":\"所管替え\",\"unit\":\"general-affairs-section\"}")
                .post("/api/incidents/" + id + "/unit");
        assertEquals(400, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        assertTrue(JAPANESE.matcher(response.path("title")).find(), response.asString());
        assertEquals(
                unitBefore,
                given().auth()
                        .oauth2(Tokens.csirt1())
                        .get("/api/incidents/" + id)
                        .path("unit"));
    }

    /** Was 201 with the comment "true": a boolean or a number is no text. */
    @Test
    void aBooleanOrANumberWhereATextBelongsIsRefusedNamingTheField() {
        String id = Reports.file(Tokens.staff1());
        for (String comment : new String[] {"true", "42", "4.2"}) {
            Response response = given().auth()
                    .oauth2(Tokens.seclead())
                    .header("Accept-Language", "en")
                    .contentType(ContentType.JSON)
                    .body("{\"comment\":" + comment + "}")
                    .post("/api/incidents/" + id + "/acknowledgements");
            assertEquals(400, response.statusCode(), response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
            assertEquals("comment", response.path("errors[0].field"), response.asString());
        }
        given().auth()
                .oauth2(Tokens.seclead())
                .contentType(ContentType.JSON)
                .body("{\"comment\":\"確認しました\"}")
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(201);
    }

    /** Was accepted (escalation-service): Jackson read the first value and ignored what followed. */
    @Test
    void anythingAfterTheBodysJsonValueIsRefused() {
        String id = Reports.file(Tokens.staff1());
        for (String body : new String[] {"{\"comment\":\"確認\"}}", "{\"comment\":\"確認\"} trailing", "{}{}"}) {
            Response response = given().auth()
                    .oauth2(Tokens.seclead())
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/incidents/" + id + "/acknowledgements");
            assertEquals(400, response.statusCode(), body + ": " + response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
            assertTrue(JAPANESE.matcher(response.path("title")).find(), response.asString());
        }
        given().auth()
                .oauth2(Tokens.seclead())
                .contentType(ContentType.JSON)
                .body("{\"comment\":\"確認\"}")
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(201);
        assertEquals(
                1,
                given().auth()
                        .oauth2(Tokens.csirt1())
                        .get("/api/incidents/" + id)
                        .jsonPath()
                        .getList("timeline.findAll { it.type == 'ACKNOWLEDGED' }")
                        .size(),
                "only the well-formed acknowledgement");
    }
}
