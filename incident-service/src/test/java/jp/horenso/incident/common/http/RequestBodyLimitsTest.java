package jp.horenso.incident.common.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import jp.horenso.incident.support.RawHttp;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RequestBodyLimitsTest {

    private static final int ONE_MB = 1024 * 1024;

    @Inject
    ObjectMapper mapper;

    @Test
    void jsonBodyBeyondTheApiLimitIsRefusedWith413ProblemBeforeItIsSent() throws Exception {
        RawHttp.Reply refused = RawHttp.announce(
                "POST",
                "/api/incidents",
                Map.of("Authorization", "Bearer " + Tokens.staff1(), "Content-Type", "application/json"),
                ONE_MB + 1);
        assertEquals(413, refused.status());
        assertEquals("application/problem+json", refused.headers().get("content-type"));
        JsonNode problem = mapper.readTree(refused.body());
        assertEquals(413, problem.get("status").asInt());
        assertEquals("本文は 1048576 バイトまでです。", problem.get("detail").asText());
        assertEquals("/api/incidents", problem.get("instance").asText());
    }

    @Test
    void jsonBodySentInChunksWithoutALengthIsRefusedWith413ProblemWhenItCrossesTheLimit() throws Exception {
        RawHttp.Reply refused = RawHttp.chunked(
                "POST",
                "/api/incidents",
                Map.of(
                        "Authorization",
                        "Bearer " + Tokens.staff1(),
                        "Content-Type",
                        "application/json",
                        "Accept-Language",
                        "en"),
                new byte[ONE_MB + 1]);
        assertEquals(413, refused.status());
        assertEquals("application/problem+json", refused.headers().get("content-type"));
        assertEquals("nosniff", refused.headers().get("x-content-type-options"));
        JsonNode problem = mapper.readTree(refused.body());
        assertEquals(
                "A request body may have at most 1048576 bytes.",
                problem.get("detail").asText());
        assertEquals(
                "https://horenso.example.jp/problems/body.too-large",
                problem.get("type").asText());
    }

    @Test
    void jsonBodySentInChunksWithinTheLimitIsReadAndFiled() throws Exception {
        byte[] report = mapper.writeValueAsBytes(Reports.valid());
        RawHttp.Reply filed = RawHttp.chunked(
                "POST",
                "/api/incidents",
                Map.of("Authorization", "Bearer " + Tokens.staff1(), "Content-Type", "application/json"),
                report);
        assertEquals(201, filed.status(), filed.body());
        assertEquals("USBメモリの紛失", mapper.readTree(filed.body()).get("title").asText());
    }

    @Test
    void theEvidenceLimitAppliesToEvidenceUploadsOnly() throws Exception {
        String id = Reports.file(Tokens.staff1());
        // 300 KB is over the test's evidence limit (256K) but within the JSON API's 1 MB …
        RawHttp.Reply evidence = RawHttp.announce(
                "POST",
                "/api/incidents/" + id + "/evidence",
                Map.of(
                        "Authorization",
                        "Bearer " + Tokens.csirt1(),
                        "Content-Type",
                        "application/pdf",
                        "Accept-Language",
                        "en"),
                300_000);
        assertEquals(413, evidence.status());
        assertEquals(
                "The body is too large",
                mapper.readTree(evidence.body()).get("title").asText());
        // … so a JSON body of that size is read, and judged on its content.
        Map<String, Object> report = Reports.valid();
        report.put("description", "あ".repeat(100_000));
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(report)
                .post("/api/incidents")
                .then()
                .statusCode(400);
    }
}
