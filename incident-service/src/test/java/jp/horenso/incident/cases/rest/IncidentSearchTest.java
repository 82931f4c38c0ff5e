package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IncidentSearchTest {

    @Test
    void searchFindsJapaneseTextWhateverTheCharacterWidth() {
        String marker = marker();
        String id = file(Tokens.staff1(), "ＵＳＢメモリの紛失 " + marker, "窓口のﾒｰﾙ配信端末に差していたもの", false);
        given().auth()
                .oauth2(Tokens.staff1())
                .queryParam("q", "usb " + marker)
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        given().auth()
                .oauth2(Tokens.staff1())
                .queryParam("q", "メール配信　" + marker)
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        given().auth()
                .oauth2(Tokens.staff1())
                .queryParam("q", "メモリ 存在しない語 " + marker)
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("items", hasSize(0))
                .body("total", equalTo(0));
    }

    @Test
    void listPagesAndCounts() {
        String marker = marker();
        for (int n = 0; n < 3; n++) {
            file(Tokens.staff1(), "紛失 " + marker + " " + n, "説明", false);
        }
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", marker)
                .queryParam("size", 2)
                .queryParam("page", 0)
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("total", equalTo(3));
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", marker)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", marker)
                .get("/api/incidents/count")
                .then()
                .statusCode(200)
                .body("count", equalTo(3));
    }

    @Test
    void filtersBySeverityAndLegalClockDue() {
        String marker = marker();
        String minor = file(Tokens.staff1(), "軽微 " + marker, "説明", false);
        String leak = file(Tokens.staff1(), "漏えい " + marker, "説明", false);
        Map<String, Object> record = Records.minor();
        record.put("title", "漏えい " + marker);
        record.put("personalData", Records.personalData(500, "BASIC"));
        Records.write(Tokens.csirt1(), leak, record).then().statusCode(200);
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", marker)
                .queryParam("severity", "HIGH,CRITICAL")
                .get("/api/incidents")
                .then()
                .body("items.id", equalTo(List.of(leak)));
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", marker)
                .queryParam("severity", "LOW")
                .get("/api/incidents")
                .then()
                .body("items.id", equalTo(List.of(minor)));
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", marker)
                .queryParam(
                        "legalDueBefore",
                        java.time.OffsetDateTime.now().plusDays(40).toString())
                .get("/api/incidents")
                .then()
                .body("items.id", equalTo(List.of(leak)));
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", marker)
                .queryParam("sort", "-severity")
                .get("/api/incidents")
                .then()
                .body("items[0].id", equalTo(leak))
                .body("items[0].severityJa", equalTo("高"));
    }

    @Test
    void article48_statisticsLeaveDrillsOut() {
        String marker = marker();
        file(Tokens.staff1(), "実案件 " + marker, "説明", false);
        String drill = file(Tokens.csirt1(), "訓練 " + marker, "説明", true);
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", marker)
                .get("/api/incidents/statistics")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("bySeverity.LOW", equalTo(1));
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", marker)
                .get("/api/incidents")
                .then()
                .body("total", equalTo(2))
                .body("items.find { it.id == '" + drill + "' }.drill", equalTo(true));
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/statistics")
                .then()
                .statusCode(403);
    }

    @Test
    void badQueryParametersAreAllNamed() {
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("severity", "HUGE")
                .queryParam("page", "-1")
                .queryParam("from", "yesterday")
                .queryParam("sort", "title")
                .get("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("severity"))
                .body("errors.field", hasItem("page"))
                .body("errors.field", hasItem("from"))
                .body("errors.field", hasItem("sort"))
                .body("errors", hasSize(4));
    }

    @Test
    void retriedReportWithTheSameIdempotencyKeyMakesNoSecondCase() {
        String marker = marker();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Reports.valid();
        body.put("title", "再送 " + marker);
        String first = given().auth()
                .oauth2(Tokens.staff1())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String second = given().auth()
                .oauth2(Tokens.staff1())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertEquals(first, second);
        given().auth()
                .oauth2(Tokens.staff1())
                .queryParam("q", marker)
                .get("/api/incidents/count")
                .then()
                .body("count", equalTo(1));
        body.put("description", "別の内容");
        given().auth()
                .oauth2(Tokens.staff1())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.staff1())
                .header("Idempotency-Key", "bad key with spaces")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(400);
    }

    static String file(String token, String title, String description, boolean drill) {
        Map<String, Object> body = Reports.valid();
        body.put("title", title);
        body.put("description", description);
        body.put("drill", drill);
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String marker() {
        return "m" + UUID.randomUUID().toString().substring(0, 8);
    }
}
