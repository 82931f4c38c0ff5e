package jp.horenso.incident.timeline.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.support.ChainEvents;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A consumer facing a database outage of a few seconds applies the event after it: the failure is transient, so
 * it is retried with backoff instead of being dead-lettered (issue 11). The outage: every connection of the service
 * is cut and the server is full ({@code 53300 too many connections}) for a few seconds, so the service cannot get
 * one back until the test lets go.
 */
@QuarkusTest
class DatabaseOutageTest {

    private static final String DLQ = ChainEvents.TOPIC + ".incident-service.dlq";

    @Test
    void aChainEventArrivingWhileTheDatabaseRefusesConnectionsIsAppliedAfterwardsAndNotDeadLettered() throws Exception {
        String id = Reports.file(Tokens.staff1());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String hopId;
        List<Connection> slots = new ArrayList<>();
        try (Connection admin = adminConnection();
                Statement sql = admin.createStatement()) {
            try {
                // Cut every connection of the service and take every free slot of the server, until the service
                // holds none and no slot frees up any more (it may reconnect in between, and a terminated backend
                // frees its slot only when its process has exited, which under load can take a while: cut again
                // and take those slots too).
                for (int round = 0; round < 30; round++) {
                    sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'horenso'");
                    Thread.sleep(300);
                    takeEveryFreeSlot(slots);
                    int taken = slots.size();
                    Thread.sleep(300);
                    takeEveryFreeSlot(slots);
                    if (slots.size() == taken && connectionsTo(sql) == 0) {
                        break;
                    }
                }
                assertEquals(0, connectionsTo(sql), "the service holds no connection");
                hopId = ChainEvents.hopOpened(id, "SECTION_CHIEF", "chief1", now, now.plusMinutes(15));
                Thread.sleep(3_500);
                assertEquals(0, connectionsTo(sql), "the service could not reconnect during the outage");
            } finally {
                for (Connection slot : slots) {
                    slot.close();
                }
            }
        }

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.csirt1())
                        .get("/api/incidents/" + id)
                        .then()
                        .statusCode(200)
                        .body("timeline.findAll { it.type == 'HOP_OPENED' }.details.hopId", hasItem(hopId)));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/chain")
                .then()
                .statusCode(200)
                .body("[0].hopId", equalTo(hopId));

        // Nothing of the case on the dead-letter topic: a poison record with the same key is dead-lettered after
        // anything the event could have become there, so reading up to it sees everything.
        String poison = "poison after the outage " + UUID.randomUUID();
        KafkaTopics.send(ChainEvents.TOPIC, id, poison);
        List<ConsumerRecord<String, String>> deadLetters =
                KafkaTopics.recordsUntil(DLQ, r -> poison.equals(r.value()), Duration.ofSeconds(60));
        List<String> ofTheCase = deadLetters.stream()
                .filter(r -> id.equals(r.key()))
                .map(ConsumerRecord::value)
                .toList();
        assertEquals(List.of(poison), ofTheCase, "only the poison record of the case was dead-lettered");
    }

    /** Opens connections to the maintenance database until the server refuses one as too many. */
    private static void takeEveryFreeSlot(List<Connection> slots) throws SQLException {
        while (true) {
            try {
                slots.add(slotConnection());
            } catch (SQLException e) {
                if ("53300".equals(e.getSQLState())) {
                    return;
                }
                throw e;
            }
        }
    }

    private static long connectionsTo(Statement sql) throws SQLException {
        try (var rows = sql.executeQuery("select count(*) from pg_stat_activity where datname = 'horenso'")) {
            assertTrue(rows.next());
            return rows.getLong(1);
        }
    }

    /**
     * The owner's connection to the server's maintenance database, which stays open during the outage (a superuser
     * here: the service's own role may not terminate other roles' backends).
     */
    private static Connection adminConnection() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                maintenanceUrl(config),
                config.getValue("horenso.test.owner-username", String.class),
                config.getValue("horenso.test.owner-password", String.class));
    }

    /**
     * A connection that takes one of the slots the service could use: as the service's own role, so the slots
     * reserved for superusers stay free for the test's owner connections (which read the case's organisation).
     */
    private static Connection slotConnection() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                maintenanceUrl(config),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static String maintenanceUrl(Config config) {
        return config.getValue("quarkus.datasource.jdbc.url", String.class)
                .replaceFirst("/horenso(\\?|$)", "/postgres$1");
    }
}
