package jp.horenso.incident.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Builds and files incident reports through the API, as staff would. */
public final class Reports {

    private Reports() {}

    /** A complete, valid report body. */
    public static Map<String, Object> valid() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9));
        Map<String, Object> body = new HashMap<>();
        body.put("title", "USBメモリの紛失");
        body.put("description", "窓口業務で使用していたUSBメモリが所在不明です。 / A USB stick used at the counter is missing.");
        body.put("occurredAt", now.minusHours(5).toString());
        body.put("discoveredAt", now.minusHours(2).toString());
        body.put("reporterType", "STAFF");
        return body;
    }

    /** Files a valid report with the token and returns the new case id. */
    public static String file(String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(valid())
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Files a valid report as staff1 and has chief1 acknowledge it with {@code comment}: a trail of two entries. */
    public static String acknowledged(String comment) {
        String id = file(Tokens.staff1());
        acknowledge(id, comment);
        return id;
    }

    /** chief1 acknowledges the case {@code id} with {@code comment}. */
    public static void acknowledge(String id, String comment) {
        given().auth()
                .oauth2(Tokens.chief1())
                .contentType(ContentType.JSON)
                .body(Map.of("comment", comment))
                .when()
                .post("/api/incidents/" + id + "/acknowledgements")
                .then()
                .statusCode(201);
    }

    /** Waits until the case's timeline, as the CSIRT reads it, holds entries of every one of {@code types}. */
    public static void awaitTimeline(String id, Duration timeout, String... types) {
        await().atMost(timeout)
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.csirt1())
                        .when()
                        .get("/api/incidents/" + id)
                        .then()
                        .statusCode(200)
                        .body("timeline.type", hasItems(types)));
    }
}
