package jp.horenso.escalation.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.timer.TimerJobs;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/**
 * The hop timer's workers ({@code horenso.escalation.timer-workers}, 2 by default) claim side by side: every due
 * hop times out exactly once (one HopTimedOut, one HOP_OVERDUE), none is skipped, and the hops of one case time
 * out in the order of their deadlines.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class HopTimerWorkersTest {

    /** Cases with one due hop, and cases with two (the second due a moment after the first). */
    private static final int SINGLE = 180;

    private static final int DOUBLE = 60;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Scheduler scheduler;

    @Inject
    TimerJobs timers;

    @Inject
    EscalationConfig config;

    @Inject
    DataSource dataSource;

    @Test
    void twoWorkersTimeOutEveryDueHopExactlyOnceAndOneCaseInDeadlineOrder() throws Exception {
        assertEquals(2, config.timerWorkers(), "the default this test is about");
        scheduler.pause(TimerJobs.HOPS);
        try {
            String prefix = "W" + UUID.randomUUID().toString().substring(0, 8);
            insertDueHops(prefix);
            Set<UUID> ours = hopIds(prefix);
            assertEquals(SINGLE + 2 * DOUBLE, ours.size());

            List<List<UUID>> byWorker = timers.hopRound();

            // Both workers took part (else this proves nothing about two), and no hop fired in both.
            assertEquals(2, byWorker.size());
            List<UUID> firedOurs = new ArrayList<>();
            for (List<UUID> worker : byWorker) {
                List<UUID> mine = worker.stream().filter(ours::contains).toList();
                assertTrue(
                        !mine.isEmpty(),
                        "each worker timed out some of the hops: "
                                + byWorker.stream().map(List::size).toList());
                firedOurs.addAll(mine);
            }
            assertEquals(ours.size(), firedOurs.size(), "fired by both workers, or skipped");
            assertEquals(ours, new HashSet<>(firedOurs));

            try (Connection db = dataSource.getConnection()) {
                assertEquals(
                        0,
                        count(db, "select count(*) from hop where incident_number like ? and status = 'OPEN'", prefix));
                // The outbox holds what each time-out wrote: exactly one HopTimedOut and one HOP_OVERDUE to the CISO
                // per hop (the vice-CISO's copy aside), a case's in the order of its hops' deadlines.
                Map<UUID, Integer> timedOut = new HashMap<>();
                Map<UUID, Integer> overdue = new HashMap<>();
                Map<UUID, List<UUID>> timedOutInOrder = new HashMap<>();
                for (JsonNode event : outboxOf(db, prefix)) {
                    JsonNode data = event.path("data");
                    UUID hop = data.hasNonNull("hopId")
                            ? UUID.fromString(data.path("hopId").asText())
                            : null;
                    if (event.path("type").asText().equals("jp.horenso.HopTimedOut")) {
                        timedOut.merge(hop, 1, Integer::sum);
                        timedOutInOrder
                                .computeIfAbsent(
                                        UUID.fromString(event.path("subject").asText()), c -> new ArrayList<>())
                                .add(hop);
                    } else if (data.path("kind").asText().equals("HOP_OVERDUE")
                            && data.path("recipient").path("username").asText().equals("ciso")) {
                        overdue.merge(hop, 1, Integer::sum);
                    }
                }
                assertEquals(ours, timedOut.keySet());
                assertTrue(timedOut.values().stream().allMatch(n -> n == 1), "a HopTimedOut twice");
                assertEquals(ours, overdue.keySet());
                assertTrue(overdue.values().stream().allMatch(n -> n == 1), "a HOP_OVERDUE twice");
                Map<UUID, List<UUID>> byDeadline = hopsByDeadline(db, prefix);
                assertEquals(
                        DOUBLE,
                        byDeadline.values().stream().filter(h -> h.size() == 2).count());
                assertEquals(byDeadline, timedOutInOrder, "a case's later hop timed out before its earlier one");
            }
        } finally {
            scheduler.resume(TimerJobs.HOPS);
        }
    }

    /** Open CISO hops (the chain's last level: a time-out only records and tells) of demo-city, all due. */
    private void insertDueHops(String prefix) throws Exception {
        try (Connection db = dataSource.getConnection();
                var sql = db.createStatement()) {
            int cases = SINGLE + DOUBLE;
            sql.execute("""
                    insert into chain_run (incident_id, incident_number, organisation, chain_version, unit_code,
                                           department_code, reported_by, drill, severity, started_at)
                    select md5('%1$s' || i)::uuid, '%1$s-' || lpad(i::text, 6, '0'), 'demo-city', 1,
                           'general-affairs-section', 'general-affairs', 'staff1', false, 'LOW', now()
                    from generate_series(1, %2$d) i""".formatted(prefix, cases));
            // Due in the last minute, interleaved; a case i > SINGLE gets a second hop (the step's second attempt) due
            // 1 ms after its first.
            sql.execute("""
                    insert into hop (id, incident_id, incident_number, chain_step, step, recipient_username,
                                     recipient_name, recipient_email, recipient_locale, status, opened_at,
                                     ack_deadline, trigger, attempt)
                    select gen_random_uuid(), md5('%1$s' || i)::uuid, '%1$s-' || lpad(i::text, 6, '0'), 'ciso',
                           'CISO', 'ciso', '副市長 デモ 誠', 'ciso@demo-city.example.jp', 'ja', 'OPEN',
                           now() - interval '20 minutes',
                           now() - interval '60 seconds' + make_interval(secs => i * 0.1 + k * 0.001),
                           case k when 0 then 'REPORT' else 'REPEAT' end, k + 1
                    from generate_series(1, %2$d) i, generate_series(0, 1) k
                    where k = 0 or i > %3$d""".formatted(prefix, cases, SINGLE));
        }
    }

    private Set<UUID> hopIds(String prefix) throws Exception {
        Set<UUID> ids = new HashSet<>();
        try (Connection db = dataSource.getConnection();
                PreparedStatement query = db.prepareStatement("select id from hop where incident_number like ?")) {
            query.setString(1, prefix + "%");
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static int count(Connection db, String query, String prefix) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(query)) {
            statement.setString(1, prefix + "%");
            try (ResultSet r = statement.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** The events our cases' time-outs wrote to the outbox, in the order written. */
    private static List<JsonNode> outboxOf(Connection db, String prefix) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                select payload from outbox_event
                where message_key in (select incident_id::text from chain_run where incident_number like ?)
                order by seq""")) {
            query.setString(1, prefix + "%");
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    events.add(JSON.readTree(r.getString(1)));
                }
            }
        }
        return events;
    }

    /** Each case's hops, earliest deadline first. */
    private static Map<UUID, List<UUID>> hopsByDeadline(Connection db, String prefix) throws Exception {
        Map<UUID, List<UUID>> hops = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(
                "select incident_id, id from hop where incident_number like ? order by ack_deadline")) {
            query.setString(1, prefix + "%");
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    hops.computeIfAbsent(r.getObject(1, UUID.class), c -> new ArrayList<>())
                            .add(r.getObject(2, UUID.class));
                }
            }
        }
        return hops;
    }
}
