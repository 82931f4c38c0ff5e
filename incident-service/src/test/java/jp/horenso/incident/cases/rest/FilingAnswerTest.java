package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The {@code 201} of a filing (第43条1項) is the case exactly as {@code GET} then shows it to the one who filed it —
 * the same body and the same ETag — although it is built from what the filing wrote, not read back: times to the
 * microsecond as PostgreSQL keeps them, in the offset they are shown in, the reporter's view of the timeline.
 */
@QuarkusTest
class FilingAnswerTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void article43_theAnswerToAStaffFilingIsTheCaseAsGetShowsItToTheReporter() throws Exception {
        Map<String, Object> body = Reports.valid();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Nanoseconds PostgreSQL cannot keep, one of them a hair below the next second; two different offsets.
        body.put(
                "occurredAt",
                now.minusHours(6)
                        .withNano(123_456_789)
                        .withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 30))
                        .toString());
        body.put("discoveredAt", now.minusHours(1).withNano(999_999_999).toString());
        body.put("title", "  標的型メールの添付ファイルを開封  ");

        assertAnsweredAsShown(Tokens.staff1(), body, null);
    }

    @Test
    void article43_aCsirtFilingForAVendorIsAnsweredAsGetShowsItToTheCsirt() throws Exception {
        Map<String, Object> body = Reports.valid();
        body.put("reporterType", "VENDOR");
        body.put(
                "informant",
                Map.of("name", "保守 太郎", "organisation", "株式会社デモ保守", "contact", "03-0000-0000", "channel", "PHONE"));
        body.put("kind", "SECURITY_INCIDENT");
        body.put("drill", true);

        assertAnsweredAsShown(Tokens.csirt1(), body, null);
    }

    @Test
    void article43_aRetriedFilingIsAnsweredWithTheCaseAsItIsNow() throws Exception {
        String key = "retry-" + UUID.randomUUID();
        Map<String, Object> body = Reports.valid();
        Response first = post(Tokens.staff1(), body, key);
        assertEquals(201, first.statusCode(), first.asString());
        String id = first.path("id");
        // Something happened to the case since: the retry shows it as it is now, not as it was filed.
        Reports.acknowledge(id, "確認しました");

        JsonNode retried = assertAnsweredAsShown(Tokens.staff1(), body, key);
        assertEquals(id, retried.get("id").asText());
    }

    /** Files {@code body} and checks that the answer equals {@code GET} of the case with the same token. */
    private JsonNode assertAnsweredAsShown(String token, Map<String, Object> body, String key) throws Exception {
        Response answer = post(token, body, key);
        assertEquals(201, answer.statusCode(), answer.asString());
        String id = answer.path("id");
        Response shown = given().auth().oauth2(token).when().get("/api/incidents/" + id);
        assertEquals(200, shown.statusCode(), shown.asString());
        JsonNode answered = json.readTree(answer.asString());
        assertEquals(json.readTree(shown.asString()), answered, "the 201 answer differs from GET");
        // Not only equal as JSON: the same text, keys in the same order.
        assertEquals(shown.asString(), answer.asString());
        assertEquals(shown.header("ETag"), answer.header("ETag"));
        return answered;
    }

    private static Response post(String token, Map<String, Object> body, String key) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/incidents");
    }
}
