package jp.horenso.notification.acknowledgement.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Rows;
import org.junit.jupiter.api.Test;

/**
 * Who acknowledged by link, and when, is a trail: the service's database role (the one it connects as) may add to
 * {@code ack_link_use} and read it, never change, delete or truncate it (registered in {@code horenso_append_only};
 * the platform's afterMigrate grants accordingly).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class AckLinkUseAppendOnlyTest {

    @Inject
    DataSource db;

    @Test
    void theServiceMayAddAndReadLinkUsesButNeverChangeDeleteOrTruncateThem() {
        UUID notification = UUID.randomUUID();
        Rows.execute(
                db,
                "INSERT INTO ack_link_use (notification_id, organisation, incident_id, username) VALUES (?, ?, ?, ?)",
                notification,
                "demo-city",
                UUID.randomUUID(),
                "chief1");
        assertEquals(1, Rows.count(db, "SELECT 1 FROM ack_link_use WHERE notification_id = ?", notification));

        for (String sql : new String[] {
            "UPDATE ack_link_use SET username = 'someone-else' WHERE notification_id = ?",
            "DELETE FROM ack_link_use WHERE notification_id = ?",
        }) {
            IllegalStateException refused =
                    assertThrows(IllegalStateException.class, () -> Rows.execute(db, sql, notification), sql);
            assertTrue(
                    refused.getCause() instanceof SQLException sql42501 && "42501".equals(sql42501.getSQLState()),
                    sql + ": " + refused.getCause());
        }
        IllegalStateException truncate =
                assertThrows(IllegalStateException.class, () -> Rows.execute(db, "TRUNCATE ack_link_use"));
        assertEquals("42501", ((SQLException) truncate.getCause()).getSQLState());
        assertEquals(
                1,
                Rows.count(
                        db,
                        "SELECT 1 FROM ack_link_use WHERE notification_id = ? AND username = 'chief1'",
                        notification));
    }
}
