package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.horenso.incident.cases.service.IncidentTally;
import jp.horenso.incident.support.Directories;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * GET /api/incidents/statistics answers from the counts kept per organisation (V17 incident_tally): after each kind of
 * change to a case its answer equals a count over the cases themselves, for the whole organisation (CSIRT), a section
 * chief (own section + own reports), a department head and with filters; drills never counted (第48条).
 */
@QuarkusTest
class StatisticsRollUpTest {

    /** The scopes as the access rules word them, counted directly from the cases. */
    private static final String CSIRT = "TRUE";

    private static final String CHIEF1 = "(i.unit = 'general-affairs-section' OR i.reported_by = 'chief1')";
    private static final String HEAD1 = "(i.department = 'general-affairs' OR i.reported_by = 'head1')";

    @Inject
    EntityManager em;

    @Inject
    IncidentTally tally;

    @Test
    void statisticsEqualACountOfTheCasesAfterEveryKindOfChange() {
        Directories.publishDemoCity();
        assertSameAsCounted("before");

        String filed = Reports.file(Tokens.staff1());
        String chiefsOwn = Reports.file(Tokens.chief1());
        String drill = Reports.file(Tokens.staff1());
        assertSameAsCounted("filed");

        given().auth()
                .oauth2(Tokens.chief1())
                .contentType(ContentType.JSON)
                .body(Map.of("comment", "確認しました"))
                .post("/api/incidents/" + filed + "/acknowledgements")
                .then()
                .statusCode(201);
        assertSameAsCounted("acknowledged");

        // the CSIRT's report to the CISO, as its service writes it: the case's state only
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "UPDATE incident SET state = 'UNDER_CISO_REVIEW', version = version + 1 WHERE id = ?1")
                        .setParameter(1, java.util.UUID.fromString(chiefsOwn))
                        .executeUpdate());
        assertSameAsCounted("state changed");

        given().auth()
                .oauth2(Tokens.csirt1())
                .header("If-Match", etag(filed))
                .contentType(ContentType.JSON)
                .body(Map.of("severity", "CRITICAL", "reason", "住民情報を含む"))
                .post("/api/incidents/" + filed + "/severity-override")
                .then()
                .statusCode(200);
        assertSameAsCounted("severity overridden");

        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("unit", "welfare-section", "reason", "福祉課の端末"))
                .post("/api/incidents/" + chiefsOwn + "/unit")
                .then()
                .statusCode(200);
        assertSameAsCounted("moved to another section (still the chief's own report)");

        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("drill", true, "reason", "訓練でした"))
                .post("/api/incidents/" + drill + "/drill-marking")
                .then()
                .statusCode(200);
        assertSameAsCounted("marked a drill");

        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "誤報"))
                .post("/api/incidents/" + filed + "/withdrawal")
                .then()
                .statusCode(200);
        assertSameAsCounted("withdrawn");

        tally.fold();
        assertSameAsCounted("changes folded into the tally");
    }

    private void assertSameAsCounted(String after) {
        // Awaited, not asserted once: the service's own consumers may still be applying an earlier test's events,
        // moving a count between the two readings. A wrong tally never becomes equal.
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    assertEquals(counted(CSIRT, ""), statistics(Tokens.csirt1(), ""), after + ": csirt");
                    assertEquals(counted(CHIEF1, ""), statistics(Tokens.chief1(), ""), after + ": section chief");
                    assertEquals(counted(HEAD1, ""), statistics(Tokens.head1(), ""), after + ": department head");
                    assertEquals(
                            counted(
                                    CSIRT,
                                    " AND i.state IN ('REPORTED', 'UNDER_CISO_REVIEW', 'WITHDRAWN')"
                                            + " AND coalesce(i.severity_override, i.computed_severity) IN ('LOW', 'CRITICAL')"
                                            + " AND i.kind = 'SECURITY_INCIDENT' AND i.unit = 'general-affairs-section'"),
                            statistics(
                                    Tokens.csirt1(),
                                    "?state=REPORTED,UNDER_CISO_REVIEW,WITHDRAWN&severity=LOW,CRITICAL"
                                            + "&kind=SECURITY_INCIDENT&unit=general-affairs-section"),
                            after + ": csirt with filters");
                    assertEquals(
                            counted(CHIEF1, " AND i.state = 'REPORTED'"),
                            statistics(Tokens.chief1(), "?state=REPORTED"),
                            after + ": section chief with a filter");
                });
    }

    private Map<String, Object> statistics(String token, String query) {
        Map<String, Object> answer = given().auth()
                .oauth2(token)
                .get("/api/incidents/statistics" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        Map<String, Object> comparable = new HashMap<>();
        comparable.put("total", ((Number) answer.get("total")).longValue());
        for (String by : List.of("bySeverity", "byState", "byKind")) {
            Map<String, Long> counts = new TreeMap<>();
            ((Map<?, ?>) answer.get(by)).forEach((k, v) -> counts.put((String) k, ((Number) v).longValue()));
            comparable.put(by, counts);
        }
        return comparable;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> counted(String scope, String filters) {
        Map<String, Long> bySeverity = new TreeMap<>(Map.of("LOW", 0L, "MEDIUM", 0L, "HIGH", 0L, "CRITICAL", 0L));
        Map<String, Long> byState = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        long total = 0;
        List<Object[]> rows = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "SELECT coalesce(i.severity_override, i.computed_severity), i.state, i.kind, count(*) "
                                        + "FROM incident i WHERE i.organisation = 'demo-city' AND NOT i.drill AND "
                                        + scope
                                        + filters + " GROUP BY 1, 2, 3")
                        .getResultList());
        for (Object[] row : rows) {
            long n = ((Number) row[3]).longValue();
            bySeverity.merge((String) row[0], n, Long::sum);
            byState.merge((String) row[1], n, Long::sum);
            byKind.merge((String) row[2], n, Long::sum);
            total += n;
        }
        return Map.of("total", total, "bySeverity", bySeverity, "byState", byState, "byKind", byKind);
    }

    private static String etag(String id) {
        return given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }
}
