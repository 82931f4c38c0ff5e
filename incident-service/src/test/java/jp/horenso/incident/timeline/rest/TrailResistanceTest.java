package jp.horenso.incident.timeline.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.support.OwnerDatabase;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The case trail resists more than naive edits (第117–119条, issue 12): its head is kept and checked, so deleting the
 * last entries is found; TRUNCATE is refused.
 */
@QuarkusTest
class TrailResistanceTest {

    @Inject
    EntityManager em;

    @Test
    void article117_theHeadFollowsEveryAppend() {
        String id = reportedAndAcknowledged();
        String lastHash = QuarkusTransaction.requiringNew()
                .call(() -> (String)
                        em.createNativeQuery("SELECT hash FROM timeline_entry WHERE incident_id = ?1 AND seq = 2")
                                .setParameter(1, UUID.fromString(id))
                                .getSingleResult());
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("recordedHead.seq", equalTo(2))
                .body("recordedHead.hash", equalTo(lastHash))
                .body("headHash", equalTo(lastHash))
                .body("findings", hasSize(0));
    }

    @Test
    void article117_deletingTheLastEntriesIsDetectedAsTruncation() {
        String id = reportedAndAcknowledged();
        // The owner (a superuser here) switches every trigger and foreign key off and deletes the last entry: the
        // chain that remains is consistent in itself, only the head still says two.
        OwnerDatabase.run(
                "SET LOCAL session_replication_role = replica;"
                        + " DELETE FROM timeline_entry WHERE incident_id = ? AND seq = 2",
                UUID.fromString(id));
        given().auth()
                .oauth2(Tokens.auditor())
                .header("Accept-Language", "en")
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .statusCode(200)
                .body("entries", equalTo(1))
                .body("intact", equalTo(false))
                .body("brokenAtSeq", equalTo(2))
                .body("findings[0].code", equalTo("TRUNCATED"))
                .body("findings[0].ja", equalTo("記録 2〜2 が削除されています（記録は 2 件のはずが 1 件です）。"))
                .body(
                        "findings[0].en",
                        equalTo("Entries 2 to 2 were deleted (the trail should hold 2 entries, it holds 1)."));
    }

    @Test
    void theHeadOnlyAdvancesAndIsNeverDeleted() {
        String id = reportedAndAcknowledged();
        UUID incident = UUID.fromString(id);
        assertRefused(
                "timeline_head only advances", "UPDATE timeline_head SET seq = 1 WHERE incident_id = ?", incident);
        assertRefused("timeline_head only advances", "DELETE FROM timeline_head WHERE incident_id = ?", incident);
        // And the entry the head names cannot go while the head points at it (even with the row trigger off).
        assertRefused(
                "timeline_head_entry_fk",
                "ALTER TABLE timeline_entry DISABLE TRIGGER timeline_entry_append_only;"
                        + " DELETE FROM timeline_entry WHERE incident_id = ? AND seq = 2",
                incident);
    }

    @Test
    void trailTablesRefuseTruncate() {
        String id = reportedAndAcknowledged();
        for (String table : List.of(
                "timeline_entry",
                "timeline_head",
                "communication",
                "evidence",
                "evidence_content",
                "evidence_custody",
                "ciso_report",
                "disclosure_draft",
                "disclosure_publication")) {
            // CASCADE, so that no foreign key stops the statement before the guard does.
            assertRefused("is append-only: TRUNCATE refused", "TRUNCATE " + table + " CASCADE", null);
        }
        long left = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM timeline_entry WHERE incident_id = ?1")
                                .setParameter(1, UUID.fromString(id))
                                .getSingleResult())
                        .longValue());
        assertEquals(2, left);
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .body("intact", equalTo(true));
    }

    /** The owner, who may do anything the privileges allow, is still stopped by the trail's own guards. */
    private void assertRefused(String reason, String sql, UUID incident) {
        Exception refused =
                incident == null ? OwnerDatabase.refusalAsOwner(sql) : OwnerDatabase.refusalAsOwner(sql, incident);
        assertNotNull(refused, sql + " was not refused");
        String messages = OwnerDatabase.messages(refused);
        assertTrue(messages.contains(reason), sql + " → " + messages);
    }

    static String reportedAndAcknowledged() {
        return Reports.acknowledged("確認");
    }
}
