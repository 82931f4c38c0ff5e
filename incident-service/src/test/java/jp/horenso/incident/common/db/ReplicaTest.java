package jp.horenso.incident.common.db;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.dashboard.DashboardFixtures;
import jp.horenso.incident.support.OwnerDatabase;
import org.junit.jupiter.api.Test;

/**
 * The read replica (datasource {@code reporting}; in tests the same database, its connections named
 * {@code incident-service-reporting} in {@code pg_stat_activity}): the dashboard's figures are read through it, the
 * case list is not, and nothing can be written through it.
 */
@QuarkusTest
class ReplicaTest {

    private static final String APPLICATION_NAME = "incident-service-reporting";

    @Inject
    @DataSource(Replica.DATASOURCE)
    AgroalDataSource reporting;

    @Inject
    Replica replica;

    @Test
    void dashboardKpisStatisticsAndCountsReadTheReplica_theCaseListAndTheInboxDoNot() {
        DashboardFixtures org = new DashboardFixtures();
        String csirt = org.person("csirt");
        DashboardFixtures.file(org.staff(), "レプリカ", false);

        for (String figures :
                List.of("/api/dashboard/cases", "/api/kpis", "/api/incidents/statistics", "/api/incidents/count")) {
            Timestamp before = lastReplicaActivity();
            given().auth().oauth2(csirt).get(figures).then().statusCode(200);
            Timestamp after = lastReplicaActivity();
            assertTrue(
                    after != null && (before == null || after.after(before)),
                    figures + " did not read the replica: " + before + " → " + after);
        }
        for (String own : List.of("/api/incidents", "/api/me/awaiting")) {
            Timestamp before = lastReplicaActivity();
            given().auth().oauth2(csirt).get(own).then().statusCode(200);
            assertEquals(before, lastReplicaActivity(), own + " read the replica");
        }
    }

    @Test
    void aWriteThroughTheReplicaFails_theSameWriteThroughThePrimarySucceeds() throws SQLException {
        DashboardFixtures org = new DashboardFixtures();
        UUID id = UUID.fromString(DashboardFixtures.file(org.staff(), "書けない", false));
        String write = "UPDATE incident SET title = title WHERE id = '" + id + "'";

        try (Connection c = reporting.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT current_setting('default_transaction_read_only'), current_setting('application_name')")) {
                rs.next();
                assertEquals("on", rs.getString(1));
                assertEquals(APPLICATION_NAME, rs.getString(2));
            }
            SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate(write));
            assertEquals("25006", refused.getSQLState(), refused.getMessage()); // read_only_sql_transaction
        }
        // the service's own path: one read-only transaction
        Replica.ReplicaException refused = assertThrows(
                Replica.ReplicaException.class, () -> replica.read(db -> db.rows(write + " RETURNING id", Map.of())));
        assertInstanceOf(SQLException.class, refused.getCause());
        assertEquals("25006", ((SQLException) refused.getCause()).getSQLState());
        // the same statement as the application role on the primary: it is the replica that refuses, not a grant
        assertEquals(null, OwnerDatabase.refusalAsApplication(write));
    }

    /** When a connection of the replica's pool last changed state (ran something), or null when there is none. */
    private static Timestamp lastReplicaActivity() {
        return OwnerDatabase.transaction(c -> {
            try (var s =
                    c.prepareStatement("SELECT max(state_change) FROM pg_stat_activity WHERE application_name = ?")) {
                s.setString(1, APPLICATION_NAME);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getTimestamp(1);
                }
            }
        });
    }
}
