package jp.horenso.incident.evidence.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.support.OwnerDatabase;
import jp.horenso.incident.support.RawHttp;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EvidenceTest {

    /** The test profile's horenso.evidence.max-size (256K). */
    private static final int LIMIT = 256 * 1024;

    private static final String LOG_NAME = "プロキシログ_2026-04-01.txt";
    private static final byte[] LOG =
            "2026-04-01T09:12:44+09:00 10.1.2.3 CONNECT evil.example:443\n".getBytes(StandardCharsets.UTF_8);

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void article107_evidenceHashIsComputedOnArrival() throws Exception {
        String id = Reports.file(Tokens.staff1());
        Response uploaded =
                upload(Tokens.csirt1(), id, LOG, "text/plain; charset=UTF-8", LOG_NAME, "プロキシサーバーのアクセスログ（抜粋）");
        uploaded.then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", containsString("/api/incidents/" + id + "/evidence/"))
                .body("filename", equalTo(LOG_NAME))
                .body("contentType", equalTo("text/plain;charset=utf-8"))
                .body("sizeBytes", equalTo(LOG.length))
                .body("sha256", equalTo(sha256(LOG)))
                .body("description", equalTo("プロキシサーバーのアクセスログ（抜粋）"))
                .body("receivedBy", equalTo("csirt1"))
                .body("custody", hasSize(1))
                .body("custody[0].action", equalTo("RECEIVED"))
                .body("custody[0].actor", equalTo("csirt1"));
        String evidenceId = uploaded.path("id");

        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id + "/evidence/" + evidenceId)
                .then()
                .statusCode(200)
                .body("sha256", equalTo(sha256(LOG)))
                .body("custody.action", equalTo(List.of("RECEIVED")));
        given().auth()
                .oauth2(Tokens.chief1())
                .get("/api/incidents/" + id + "/evidence")
                .then()
                .statusCode(200)
                .body("filename", equalTo(List.of(LOG_NAME)))
                .body("[0].custody", nullValue());
        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        Map<String, Object> received = view.getMap("timeline.find { it.type == 'EVIDENCE_RECEIVED' }.details");
        assertEquals(sha256(LOG), received.get("sha256"));
        assertEquals(LOG_NAME, received.get("filename"));

        // Kept in PostgreSQL, byte for byte.
        byte[] stored = QuarkusTransaction.requiringNew()
                .call(() -> (byte[]) em.createNativeQuery("SELECT content FROM evidence_content WHERE evidence_id = ?1")
                        .setParameter(1, UUID.fromString(evidenceId))
                        .getSingleResult());
        assertArrayEquals(LOG, stored);
    }

    @Test
    void article107_everyDownloadIsAChainOfCustodyEntry() {
        String id = Reports.file(Tokens.staff1());
        String evidenceId =
                upload(Tokens.csirt1(), id, LOG, "text/plain", LOG_NAME, null).path("id");
        String path = "/api/incidents/" + id + "/evidence/" + evidenceId;

        Response first = given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("purpose", "通信先の特定")
                .get(path + "/content");
        first.then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .header(
                        "Content-Disposition",
                        containsString("filename*=UTF-8''"
                                + "%E3%83%97%E3%83%AD%E3%82%AD%E3%82%B7%E3%83%AD%E3%82%B0_2026-04-01.txt"))
                .header(
                        "Repr-Digest",
                        equalTo("sha-256=:"
                                + Base64.getEncoder()
                                        .encodeToString(HexFormat.of().parseHex(sha256(LOG))) + ":"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", equalTo("no-store"));
        assertArrayEquals(LOG, first.asByteArray());
        given().auth().oauth2(Tokens.auditor()).get(path + "/content").then().statusCode(200);
        given().auth().oauth2(Tokens.chief1()).get(path + "/content").then().statusCode(200);

        given().auth()
                .oauth2(Tokens.csirt1())
                .get(path)
                .then()
                .statusCode(200)
                .body("custody.action", equalTo(List.of("RECEIVED", "DOWNLOADED", "DOWNLOADED", "DOWNLOADED")))
                .body("custody.actor", equalTo(List.of("csirt1", "csirt1", "auditor", "chief1")))
                .body("custody[1].purpose", equalTo("通信先の特定"))
                .body("custody[2].purpose", nullValue());
        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        List<Map<String, Object>> downloads = view.getList("timeline.findAll { it.type == 'EVIDENCE_DOWNLOADED' }");
        assertEquals(3, downloads.size());
        assertEquals(
                List.of("csirt1", "auditor", "chief1"),
                downloads.stream().map(d -> d.get("actor")).toList());
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .body("intact", equalTo(true));
    }

    @Test
    void article107_handOverIsAChainOfCustodyEntry() {
        String id = Reports.file(Tokens.staff1());
        String evidenceId =
                upload(Tokens.csirt1(), id, LOG, "text/plain", LOG_NAME, null).path("id");
        String path = "/api/incidents/" + id + "/evidence/" + evidenceId;
        given().auth()
                .oauth2(Tokens.seclead())
                .contentType(ContentType.JSON)
                .body(Map.of("to", "デモ市警察署 生活安全課", "purpose", "被害届に添付"))
                .post(path + "/handovers")
                .then()
                .statusCode(201)
                .header("Location", containsString(path))
                .body("action", equalTo("HANDED_OVER"))
                .body("actor", equalTo("seclead"))
                .body("handedTo", equalTo("デモ市警察署 生活安全課"))
                .body("purpose", equalTo("被害届に添付"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(path)
                .then()
                .body("custody.action", equalTo(List.of("RECEIVED", "HANDED_OVER")));
        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        Map<String, Object> handover = view.getMap("timeline.find { it.type == 'EVIDENCE_HANDED_OVER' }.details");
        assertEquals("デモ市警察署 生活安全課", handover.get("to"));
        assertEquals(sha256(LOG), handover.get("sha256"));

        given().auth()
                .oauth2(Tokens.chief1())
                .contentType(ContentType.JSON)
                .body(Map.of("to", "x", "purpose", "y"))
                .post(path + "/handovers")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("purpose", "y"))
                .post(path + "/handovers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    void evidenceTooLargeIsRefusedAndStoresNothing() throws Exception {
        String id = Reports.file(Tokens.staff1());
        Map<String, String> headers = Map.of(
                "Authorization",
                "Bearer " + Tokens.csirt1(),
                "Content-Type",
                "application/pdf",
                "Content-Disposition",
                "attachment; filename=\"big.pdf\"",
                "Accept-Language",
                "en");
        // The client announces the size and waits for the go-ahead, as an upload of many megabytes should: the
        // refusal comes before a byte of the body is sent.
        RawHttp.Reply refused = RawHttp.announce("POST", "/api/incidents/" + id + "/evidence", headers, LIMIT + 1);
        assertEquals(413, refused.status());
        assertEquals("application/problem+json", refused.headers().get("content-type"));
        JsonNode problem = mapper.readTree(refused.body());
        assertEquals(413, problem.get("status").asInt());
        assertEquals(
                "Evidence may have at most 262144 bytes. Nothing was stored.",
                problem.get("detail").asText());

        // A body sent without a length is counted as it arrives.
        RawHttp.Reply chunked =
                RawHttp.chunked("POST", "/api/incidents/" + id + "/evidence", headers, new byte[LIMIT + 1]);
        assertEquals(413, chunked.status(), chunked.body());
        assertTrue(chunked.headers().get("content-type").startsWith("application/problem+json"), chunked.body());

        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/evidence")
                .then()
                .body("$", hasSize(0));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("timeline.type", not(hasItem("EVIDENCE_RECEIVED")));
        Number rows = QuarkusTransaction.requiringNew()
                .call(() -> (Number) em.createNativeQuery("SELECT count(*) FROM evidence WHERE incident_id = ?1")
                        .setParameter(1, UUID.fromString(id))
                        .getSingleResult());
        assertEquals(0, rows.intValue());

        // Exactly at the limit is fine.
        upload(Tokens.csirt1(), id, new byte[LIMIT], "application/pdf", "limit.pdf", null)
                .then()
                .statusCode(201)
                .body("sizeBytes", equalTo(LIMIT));
    }

    @Test
    void evidenceOfForbiddenTypeIsRefused() {
        String id = Reports.file(Tokens.staff1());
        upload(
                        Tokens.csirt1(),
                        id,
                        "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8),
                        "text/html",
                        "page.html",
                        null)
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415))
                .body("detail", containsString("text/html"))
                .body("detail", containsString("application/pdf"));
        upload(Tokens.csirt1(), id, new byte[] {0x4d, 0x5a}, "application/x-msdownload", "tool.exe", null)
                .then()
                .statusCode(415);
        given().auth()
                .oauth2(Tokens.csirt1())
                .header("Content-Disposition", "attachment; filename=\"x.bin\"")
                .body(new byte[] {1, 2, 3})
                .post("/api/incidents/" + id + "/evidence")
                .then()
                .statusCode(415);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/evidence")
                .then()
                .body("$", hasSize(0));
        // A family on the list admits its members.
        upload(Tokens.csirt1(), id, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png", "screen.png", null)
                .then()
                .statusCode(201);
    }

    @Test
    void tamperedEvidenceIsDetectedOnDownload() {
        String id = Reports.file(Tokens.staff1());
        String evidenceId =
                upload(Tokens.csirt1(), id, LOG, "text/plain", LOG_NAME, null).path("id");
        // What an insider with the owner's database rights could do: switch the guard off and change the bytes.
        OwnerDatabase.run(
                "ALTER TABLE evidence_content DISABLE TRIGGER evidence_content_write_once;"
                        + " UPDATE evidence_content SET content = ? WHERE evidence_id = ?;"
                        + " ALTER TABLE evidence_content ENABLE TRIGGER evidence_content_write_once",
                "2026-04-01T09:12:44+09:00 10.1.2.3 CONNECT harmless.example:443\n".getBytes(StandardCharsets.UTF_8),
                UUID.fromString(evidenceId));
        String path = "/api/incidents/" + id + "/evidence/" + evidenceId;
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(path + "/content")
                .then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("type", containsString("evidence.integrity-failed"))
                .body("detail", containsString(sha256(LOG)));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("to", "警察", "purpose", "x"))
                .post(path + "/handovers")
                .then()
                .statusCode(500);

        given().auth().oauth2(Tokens.csirt1()).get(path).then().body("custody.action", equalTo(List.of("RECEIVED")));
        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        List<Map<String, Object>> alarms = view.getList("timeline.findAll { it.type == 'EVIDENCE_INTEGRITY_FAILED' }");
        assertEquals(2, alarms.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) alarms.get(0).get("details");
        assertEquals(sha256(LOG), details.get("expectedSha256"));
        assertEquals("DOWNLOAD", details.get("refused"));
        assertEquals("csirt1", alarms.get(0).get("actor"));
    }

    @Test
    void evidenceAndItsCustodyCannotBeRewritten() {
        String id = Reports.file(Tokens.staff1());
        UUID evidenceId = UUID.fromString(
                upload(Tokens.csirt1(), id, LOG, "text/plain", "a.txt", null).path("id"));
        for (String sql : List.of(
                "UPDATE evidence_content SET content = '\\x00' WHERE evidence_id = ?1",
                "DELETE FROM evidence_content WHERE evidence_id = ?1",
                "UPDATE evidence SET sha256 = repeat('0', 64) WHERE id = ?1",
                "UPDATE evidence_custody SET actor = 'mallory' WHERE evidence_id = ?1",
                "DELETE FROM evidence_custody WHERE evidence_id = ?1")) {
            assertThrows(
                    Exception.class,
                    () -> QuarkusTransaction.requiringNew()
                            .run(() -> em.createNativeQuery(sql)
                                    .setParameter(1, evidenceId)
                                    .executeUpdate()),
                    sql);
        }
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/evidence/" + evidenceId + "/content")
                .then()
                .statusCode(200);
    }

    @Test
    void onlyCsirtAndSecurityLeadKeepEvidenceAndStaffNeverSeeIt() {
        String id = Reports.file(Tokens.staff1());
        upload(Tokens.staff1(), id, LOG, "text/plain", "a.txt", null)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        upload(Tokens.chief1(), id, LOG, "text/plain", "a.txt", null).then().statusCode(403);
        upload(Tokens.auditor(), id, LOG, "text/plain", "a.txt", null).then().statusCode(403);
        upload(Tokens.ciso(), id, LOG, "text/plain", "a.txt", null).then().statusCode(403);
        String evidenceId = upload(Tokens.seclead(), id, LOG, "text/plain", "a.txt", null)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String path = "/api/incidents/" + id + "/evidence/" + evidenceId;

        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id + "/evidence")
                .then()
                .statusCode(403);
        given().auth().oauth2(Tokens.staff1()).get(path + "/content").then().statusCode(403);
        given().auth()
                .oauth2(Tokens.chief2())
                .get(path + "/content")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.chief2())
                .get("/api/incidents/" + id + "/evidence")
                .then()
                .statusCode(404);
        given().auth().oauth2(Tokens.head1()).get(path + "/content").then().statusCode(200);
        given().auth().oauth2(Tokens.ciso()).get(path).then().statusCode(200);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/evidence/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        // Refused downloads leave no trace on the chain.
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(path)
                .then()
                .body("custody.actor", equalTo(List.of("seclead", "head1")));
    }

    @Test
    void badEvidenceInputIsRefusedWith400NamingTheField() {
        String id = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType("text/plain")
                .body(LOG)
                .post("/api/incidents/" + id + "/evidence")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("filename"));
        upload(Tokens.csirt1(), id, LOG, "text/plain", "..", null)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("filename"));
        upload(Tokens.csirt1(), id, LOG, "text/plain", "a.txt", "x".repeat(1001))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("description"));
        upload(Tokens.csirt1(), id, new byte[0], "text/plain", "empty.txt", null)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/evidence")
                .then()
                .body("$", hasSize(0));

        // A path in the name is dropped: only the file's own name is kept.
        String evidenceId = upload(Tokens.csirt1(), id, LOG, "text/plain", "C:\\Users\\csirt1\\ログ.txt", null)
                .then()
                .statusCode(201)
                .body("filename", equalTo("ログ.txt"))
                .extract()
                .path("id");
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("purpose", "x".repeat(501))
                .get("/api/incidents/" + id + "/evidence/" + evidenceId + "/content")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("purpose"));
    }

    private static Response upload(
            String token, String id, byte[] content, String contentType, String filename, String description) {
        // Content-Type exactly as given: no charset added by the client.
        var request = given().config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth()
                .oauth2(token)
                .contentType(contentType)
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + percentEncode(filename))
                .body(content);
        if (description != null) {
            request = request.queryParam("description", description);
        }
        return request.when().post("/api/incidents/" + id + "/evidence");
    }

    private static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
