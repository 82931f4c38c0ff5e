package jp.horenso.escalation.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.escalation.hop.service.HopTimeoutService;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.escalation.timer.DueRowBatch;
import jp.horenso.escalation.timer.TimerJobs;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/**
 * One due row that cannot be handled does not hold up the others (issue 11): each due hop is timed out in a
 * transaction of its own; a hop that fails twice is parked with its error, and later claims skip it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class TimerParkingTest {

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    Scheduler scheduler;

    @Inject
    HopTimeoutService timeouts;

    @Inject
    DataSource dataSource;

    @Test
    void poisonHopIsParkedWhileTheOtherDueHopsTimeOut() throws Exception {
        scheduler.pause(TimerJobs.HOPS);
        try {
            // Due a minute ago, before the good hop: handled first in the batch.
            UUID poison = hopOnAnUnreadableChain();
            UUID incident = UUID.randomUUID();
            IncidentEvents.send(IncidentEvents.staffReport(incident));
            JsonNode opened = published.await(incident, "HopOpened", 1).get(0).path("data");
            UUID good = UUID.fromString(opened.path("hopId").asText());
            Instant deadline = Instant.parse(opened.path("ackDeadline").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(deadline.plusMillis(200)));

            DueRowBatch.Result round = timeouts.timeOutDueHops();
            assertTrue(round.parked().contains(poison), "the poison hop is parked");
            assertTrue(round.fired().contains(good), "the good hop times out in the same batch");
            assertEquals(
                    "chief1",
                    published
                            .await(incident, "HopTimedOut", 1)
                            .get(0)
                            .path("data")
                            .path("recipient")
                            .path("username")
                            .asText());
            published.await(incident, "HopEscalated", 1);

            Parked parked = parked(poison);
            assertEquals("OPEN", parked.status(), "its failed handling was rolled back");
            assertNotNull(parked.parkedAt());
            assertEquals(2, parked.attempts(), "tried once more before parking");
            assertTrue(parked.lastError().contains("not readable"), parked.lastError());

            // Later claims skip it: it is neither tried again nor parked again.
            DueRowBatch.Result later = timeouts.timeOutDueHops();
            assertFalse(later.fired().contains(poison));
            assertFalse(later.parked().contains(poison));
            assertEquals(2, parked(poison).attempts());
        } finally {
            scheduler.resume(TimerJobs.HOPS);
        }
    }

    private record Parked(String status, Instant parkedAt, int attempts, String lastError) {}

    private Parked parked(UUID hop) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select status, parked_at, attempts, last_error from hop where id = ?")) {
            s.setObject(1, hop);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return new Parked(
                        r.getString(1),
                        r.getTimestamp(2) == null ? null : r.getTimestamp(2).toInstant(),
                        r.getInt(3),
                        r.getString(4));
            }
        }
    }

    /**
     * An open hop, due a minute ago, of a case whose chain version this release cannot read (as when a newer
     * release wrote it during a rolling upgrade): timing it out throws every time.
     */
    private UUID hopOnAnUnreadableChain() throws SQLException {
        UUID incident = UUID.randomUUID();
        UUID hop = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            execute(c, "insert into organisation (code, name_ja) values ('test-poison', '毒見市') on conflict do nothing");
            execute(
                    c,
                    "insert into chain_definition (organisation, version, definition, created_by)"
                            + " values ('test-poison', 1, '[1, 2, 3]'::jsonb, 'test') on conflict do nothing");
            execute(
                    c,
                    "insert into chain_run (incident_id, incident_number, organisation, chain_version, unit_code,"
                            + " reported_by, drill) values ('" + incident + "', 'INC-2026-900001', 'test-poison', 1,"
                            + " 'poison-section', 'staff1', false)");
            execute(
                    c,
                    "insert into hop (id, incident_id, incident_number, chain_step, step, recipient_username,"
                            + " recipient_name, recipient_email, recipient_locale, status, ack_deadline)"
                            + " values ('" + hop + "', '" + incident + "', 'INC-2026-900001', 'section-chief',"
                            + " 'SECTION_CHIEF', 'p-chief', '毒見 課長', 'p-chief@poison.example.jp', 'ja', 'OPEN',"
                            + " now() - interval '1 minute')");
        }
        return hop;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }
}
