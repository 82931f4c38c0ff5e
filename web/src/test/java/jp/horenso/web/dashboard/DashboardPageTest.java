package jp.horenso.web.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import jp.horenso.web.support.StubServices;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CSIRT dashboard (chain position, overdue in red, legal clocks, drills apart) and the KPIs. */
@QuarkusTest
class DashboardPageTest {

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void csirtSeesOpenCasesWithChainPositionOverdueMarkedAndTheNextLegalClock() {
        String html = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains(StubServices.NUMBER), html);
        assertTrue(html.contains("class=\"overdue-row\""), "overdue hop marked");
        assertTrue(html.contains("<strong>期限超過</strong>"), "overdue said in words, not only colour");
        assertTrue(html.contains("課長 総務 課長"), "who must acknowledge");
        assertTrue(html.contains("速報 R1"), "next legal clock");
        assertTrue(html.contains("封じ込め"), "response phase");
        assertTrue(html.contains("訓練 2件（別表示）"), "drills apart");
        assertTrue(html.contains("<th scope=\"col\">"), "table headers");
    }

    @Test
    void aSearchMatchingMoreThanTenThousandCasesShowsTheTotalAsALowerBound() {
        String html = given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", "メール")
                .get("/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("対応中の事案 1,000件以上"), html);
        String english = given().auth()
                .oauth2(Tokens.csirt1())
                .cookie("horenso-lang", "en")
                .queryParam("q", "メール")
                .get("/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(english.contains("1,000+ open cases"), english);
        String exact = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(exact.contains("対応中の事案 1件") && !exact.contains("件以上"), exact);
    }

    @Test
    void filtersAndJapaneseSearchGoToTheServiceAndStayInTheLiveRefresh() {
        String html = given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", "紛失")
                .queryParam("severity", "HIGH")
                .queryParam("sort", "deadline")
                .get("/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        var sent = Upstream.the("GET", "/incident/api/dashboard/cases");
        String query = URLDecoder.decode((String) sent.get("query"), StandardCharsets.UTF_8);
        assertTrue(
                query.contains("q=紛失")
                        && query.contains("severity=HIGH")
                        && query.contains("sort=deadline")
                        && query.contains("drill=exclude"),
                query);
        assertTrue(
                html.contains("hx-get=\"/dashboard/rows?drill=false&amp;q=%E7%B4%9B%E5%A4%B1&amp;severity=HIGH"
                        + "&amp;sort=deadline\""),
                html);
        String rows = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/dashboard/rows?drill=true")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                String.valueOf(Upstream.the("GET", "/incident/api/dashboard/cases")
                                .get("query"))
                        .contains("drill=only"),
                "drills asked for apart");
        assertTrue(rows.strip().startsWith("<section id=\"cases\""), rows);
        assertTrue(rows.contains("訓練の事案"), "drills shown apart when asked");
    }

    @Test
    void kpisShowTablesAndTheDataForTheCharts() {
        String html = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/kpis")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                html.contains("id=\"kpi-charts\"")
                        && html.contains("data-kpis=\"{&quot;")
                        && html.contains("&quot;months&quot;:["),
                html);
        assertTrue(html.contains("10分") && html.contains("25分"), "median and p90 of acknowledgement");
        assertTrue(html.contains("2時間0分"), "time to contain");
        assertTrue(html.contains("<td id=\"overdue-hops\">1</td>"), "overdue hops");
        assertTrue(html.contains("訓練（第48条）は集計に含みません"));
        assertEquals("GET", Upstream.the("GET", "/incident/api/kpis").get("method"));
    }
}
