package jp.horenso.incident.timeline.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.horenso.incident.support.OwnerDatabase;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTrailTest {

    @Inject
    EntityManager em;

    @Inject
    TimelineService timeline;

    @Test
    void article117_timelineIsHashChainedAndVerifies() {
        assertIntactWith(reportedAndAcknowledged(), 2);
    }

    @Test
    void article117_rowAlteredDirectlyInTheDatabaseFailsVerification() {
        String id = reportedAndAcknowledged();
        // What an insider with the owner's database rights could do: switch the guard off and rewrite history.
        OwnerDatabase.run(
                "ALTER TABLE timeline_entry DISABLE TRIGGER timeline_entry_append_only;"
                        + " UPDATE timeline_entry SET actor = 'mallory' WHERE incident_id = ? AND seq = 1;"
                        + " ALTER TABLE timeline_entry ENABLE TRIGGER timeline_entry_append_only",
                UUID.fromString(id));
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .body("brokenAtSeq", equalTo(1));
    }

    @Test
    void timelineRowsCannotBeUpdatedOrDeleted() {
        String id = reportedAndAcknowledged();
        UUID incident = UUID.fromString(id);
        assertThrows(
                Exception.class,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery(
                                        "UPDATE timeline_entry SET actor = 'mallory' WHERE incident_id = ?1")
                                .setParameter(1, incident)
                                .executeUpdate()));
        assertThrows(
                Exception.class,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery("DELETE FROM timeline_entry WHERE incident_id = ?1")
                                .setParameter(1, incident)
                                .executeUpdate()));
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .body("intact", equalTo(true));
    }

    @Test
    void auditTrailExportsAsJsonLinesAndCsv() {
        String id = reportedAndAcknowledged();
        String jsonl = given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/export.jsonl")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/x-ndjson"))
                .extract()
                .asString();
        String[] lines = jsonl.strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].contains("\"type\":\"REPORTED\"") && lines[0].contains("\"seq\":1"), lines[0]);
        assertTrue(lines[1].contains("\"type\":\"ACKNOWLEDGED\""), lines[1]);

        String csv = given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/export.csv")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        String[] rows = csv.split("\r\n");
        assertEquals("seq,type,at,actor,details,source_event_id,prev_hash,hash", rows[0]);
        assertEquals(3, rows.length);
        assertTrue(rows[2].startsWith("2,ACKNOWLEDGED,"), rows[2]);
    }

    @Test
    void csvExportShowsAFormulaAsTextNeverAsAFormula() {
        String id = reportedAndAcknowledged();
        // An actor name arrives from other services' events (e.g. IncidentMarkedSerious.markedBy).
        String formula = "=HYPERLINK(\"http://evil.example/\",\"詳細\")";
        QuarkusTransaction.requiringNew()
                .run(() -> timeline.append(
                        UUID.fromString(id),
                        TimelineType.MARKED_SERIOUS,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        formula,
                        Map.of("reason", "-1+1"),
                        null));

        String csv = given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/export.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String row = csv.split("\r\n")[3];
        assertTrue(row.startsWith("3,MARKED_SERIOUS,"), row);
        assertTrue(row.contains(",\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"詳細\"\")\","), row);
        assertTrue(row.contains(",\"{\"\"reason\"\":\"\"-1+1\"\"}\","), row);
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .body("intact", equalTo(true));
    }

    /**
     * Issue 13: an append locks the case's head row instead of taking a separate lock first. Forty appends from eight
     * threads at once still make one unbroken chain, each entry after exactly one other.
     */
    @Test
    void article117_appendsToOneCaseFromEightThreadsAtOnceMakeOneUnbrokenChain() throws Exception {
        String id = Reports.file(Tokens.staff1());
        appendAtOnce(UUID.fromString(id), 8, 5);
        assertIntactWith(id, 41);
    }

    private void appendAtOnce(UUID incident, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> appends = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String actor = "thread-" + t;
                appends.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        QuarkusTransaction.requiringNew()
                                .run(() -> timeline.append(
                                        incident,
                                        TimelineType.MARKED_SERIOUS,
                                        OffsetDateTime.now(ZoneOffset.UTC),
                                        actor,
                                        Map.of(),
                                        null));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> append : appends) {
                append.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertIntactWith(String id, int entries) {
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("entries", equalTo(entries))
                .body("brokenAtSeq", nullValue());
    }

    @Test
    void staffCannotReadTheAuditTrail() {
        String id = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.staff1())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.chief1())
                .when()
                .get("/api/incidents/" + id + "/audit/export.csv")
                .then()
                .statusCode(403);
    }

    /** A case whose acknowledgement comment has a comma and quotes (what a CSV export must escape). */
    private static String reportedAndAcknowledged() {
        return Reports.acknowledged("確認, \"了解\"");
    }
}
