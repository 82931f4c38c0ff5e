package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import jp.horenso.incident.dashboard.DashboardFixtures;
import jp.horenso.incident.support.OwnerDatabase;
import org.junit.jupiter.api.Test;

/**
 * A text search counts at most 1,000 matches (issue 13): beyond that the list's and the dashboard's total is 1,000
 * with {@code totalIsLowerBound: true}; up to it, and without q, the total stays exact.
 */
@QuarkusTest
class TextSearchTotalTest {

    @Test
    void aWordInMoreThanAThousandCasesGivesAThousandAsALowerBoundAndFewerStayExact() {
        DashboardFixtures org = new DashboardFixtures();
        String csirt = org.person("csirt");
        // 1,001 cases mention メール; the first 1,000 of them also 上限; one of them is a drill.
        OwnerDatabase.run(
                "INSERT INTO incident (id, number, organisation, title, description, reporter_type, "
                        + "reported_by, unit, department, occurred_at, discovered_at, reported_at, drill, state, kind, "
                        + "classification_scheme, computed_severity, search_text) "
                        + "SELECT gen_random_uuid(), 'CAP-' || ? || '-' || n, ?, 'メール誤送信 ' || n, '説明', 'STAFF', "
                        + "'staff-cap', 'general-affairs-section', 'general-affairs', now() - interval '1 day', "
                        + "now() - interval '1 day', now() - n * interval '1 second', n = 1, 'REPORTED', 'MISSENT_EMAIL', "
                        + "'KANUMA', 'LOW', lower(normalize('メール誤送信 ' || CASE WHEN n <= 1000 THEN '上限 ' ELSE '' END "
                        + "|| n, NFKC)) FROM generate_series(1, 1001) n",
                org.organisation,
                org.organisation);

        given().auth()
                .oauth2(csirt)
                .queryParam("q", "メール")
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("total", equalTo(1_000))
                .body("totalIsLowerBound", equalTo(true))
                .body("items", hasSize(20));
        given().auth()
                .oauth2(csirt)
                .queryParam("q", "上限")
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("total", equalTo(1_000))
                .body("totalIsLowerBound", equalTo(false));
        given().auth()
                .oauth2(csirt)
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("total", equalTo(1_001))
                .body("totalIsLowerBound", equalTo(false));

        given().auth()
                .oauth2(csirt)
                .queryParam("q", "メール")
                .queryParam("drill", "include")
                .get("/api/dashboard/cases")
                .then()
                .statusCode(200)
                .body("total", equalTo(1_000))
                .body("totalIsLowerBound", equalTo(true));
        // 上限: 1,000 matches counted exactly, once, with the drill among them counted apart
        given().auth()
                .oauth2(csirt)
                .queryParam("q", "上限")
                .get("/api/dashboard/cases")
                .then()
                .statusCode(200)
                .body("total", equalTo(999))
                .body("drills", equalTo(1))
                .body("totalIsLowerBound", equalTo(false));
        given().auth()
                .oauth2(csirt)
                .queryParam("q", "上限")
                .queryParam("drill", "only")
                .get("/api/dashboard/cases")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("drills", equalTo(1));
        given().auth()
                .oauth2(csirt)
                .get("/api/dashboard/cases")
                .then()
                .statusCode(200)
                .body("total", equalTo(1_000))
                .body("drills", equalTo(1))
                .body("totalIsLowerBound", equalTo(false));
    }
}
