package jp.horenso.incident.timeline.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.support.OwnerDatabase;
import jp.horenso.incident.support.Tokens;
import jp.horenso.incident.timeline.service.TrailSealer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The application role may only read and add to the trails (第117–119条, issue 12): connected as the role the service
 * uses, UPDATE, DELETE and TRUNCATE of the trail tables are refused by privilege (SQLSTATE 42501) before any trigger
 * runs; the heads, which move forward, stay writable for it.
 */
@QuarkusTest
class AppendOnlyTrailTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Inject
    TrailSealer sealer;

    @Test
    void article117_theApplicationRoleCannotUpdateDeleteOrTruncateTheTrail() {
        assertEquals(
                "horenso_app",
                ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
                "the service must connect as the application role, not the owner");
        String id = TrailResistanceTest.reportedAndAcknowledged();
        UUID incident = UUID.fromString(id);
        sealer.seal();
        for (String sql : List.of(
                "UPDATE timeline_entry SET actor = 'mallory' WHERE incident_id = ?",
                "DELETE FROM timeline_entry WHERE incident_id = ?",
                "UPDATE timeline_seal_head SET hash = 'x' WHERE incident_id = ?",
                "DELETE FROM timeline_seal_head WHERE incident_id = ?")) {
            assertPrivilegeRefused(OwnerDatabase.refusalAsApplication(sql, incident), sql);
        }
        for (String table : List.of(
                "timeline_entry",
                "timeline_seal",
                "timeline_seal_head",
                "communication",
                "evidence",
                "evidence_content",
                "evidence_custody")) {
            assertPrivilegeRefused(
                    OwnerDatabase.refusalAsApplication("TRUNCATE " + table + " CASCADE"), "TRUNCATE " + table);
            assertPrivilegeRefused(OwnerDatabase.refusalAsApplication("DELETE FROM " + table), "DELETE FROM " + table);
        }
        assertPrivilegeRefused(OwnerDatabase.refusalAsApplication("UPDATE timeline_seal SET mac = 'x'"), "seal");
        // Reading stays allowed, and nothing changed.
        assertNull(OwnerDatabase.refusalAsApplication("SELECT count(*) FROM timeline_entry"));
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("entries", equalTo(2));
    }

    private static void assertPrivilegeRefused(SQLException refused, String sql) {
        assertNotNull(refused, sql + " was not refused for the application role");
        assertEquals(INSUFFICIENT_PRIVILEGE, refused.getSQLState(), sql + " → " + OwnerDatabase.messages(refused));
    }
}
