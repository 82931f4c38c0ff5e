package jp.horenso.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jp.horenso.platform.support.RealStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay on a real PostgreSQL and a real broker: order per case with several replicas, poison rows parked. */
class OutboxRelayTest {

    private final RealStack stack = RealStack.get();

    @BeforeEach
    void emptyOutbox() throws SQLException {
        try (Connection connection = stack.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("delete from outbox_event");
        }
    }

    @Test
    void twoRelaysDrainATenThousandEventBacklogWithEveryCaseInOrderWhileTheLeaderDies() throws Exception {
        String topic = "relay-order-" + UUID.randomUUID();
        int cases = 500;
        int perCase = 20;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        // Interleaved as concurrent transactions would write them: event n of every case, then n + 1.
        try (Connection connection = stack.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into outbox_event (id, topic, message_key, type, payload) values (?, ?, ?, 'jp.horenso.Test', ?)")) {
            for (int n = 0; n < perCase; n++) {
                for (String key : keys) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, topic);
                    insert.setString(3, key);
                    insert.setString(4, key + "#" + n);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        KafkaRecordSender sender1 = new KafkaRecordSender(stack.kafkaSettings());
        KafkaRecordSender sender2 = new KafkaRecordSender(stack.kafkaSettings());
        OutboxRelay.Settings settings = new OutboxRelay.Settings("order-test", 500, 5, Duration.ofSeconds(30));
        OutboxRelay first = new OutboxRelay(stack::connect, stack::connect, sender1, settings);
        OutboxRelay second = new OutboxRelay(stack::connect, stack::connect, sender2, settings);
        assertTrue(first.lead(), "the first replica leads at start");
        AtomicInteger firstRounds = new AtomicInteger();
        AtomicInteger secondPublished = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        // Both replicas run side by side; the first one "dies" (its connection closes) after three rounds.
        Thread one = new Thread(() -> {
            while (!stop.get() && firstRounds.get() < 3) {
                if (first.relayRound().published() > 0) {
                    firstRounds.incrementAndGet();
                }
            }
            first.close();
        });
        Thread two = new Thread(() -> {
            while (!stop.get()) {
                secondPublished.addAndGet(second.relayRound().published());
            }
        });
        one.start();
        two.start();
        List<ConsumerRecord<String, String>> records = stack.readAll(topic, cases * perCase, Duration.ofMinutes(3));
        stop.set(true);
        one.join();
        two.join();
        second.close();
        sender1.close();
        sender2.close();

        assertEquals(3, firstRounds.get(), "the first replica led until it died");
        assertTrue(secondPublished.get() > 0, "the second replica took over");
        Map<String, List<Integer>> seen = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            String[] parts = record.value().split("#");
            assertEquals(record.key(), parts[0]);
            seen.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        assertEquals(cases, seen.size(), "every case reached Kafka");
        for (Map.Entry<String, List<Integer>> entry : seen.entrySet()) {
            // A replica dying between send and mark may send a row again; its first copies are in order, no gaps.
            List<Integer> firstCopies = new ArrayList<>(new LinkedHashSet<>(entry.getValue()));
            List<Integer> expected = new ArrayList<>();
            for (int n = 0; n < perCase; n++) {
                expected.add(n);
            }
            assertEquals(expected, firstCopies, "events of case " + entry.getKey() + " in order");
        }
        assertEquals(0, count("published_at is null"), "nothing left behind");
    }

    @Test
    void aPoisonRowIsParkedWithAnAlarmWhileTheOtherCasesFlowAndItsCaseFollowsOnceParked() throws Exception {
        String topic = "relay-poison-" + UUID.randomUUID();
        String poisonCase = "case-poison";
        try (Connection connection = stack.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into outbox_event (id, topic, message_key, type, payload) values (?, ?, ?, 'jp.horenso.Test', ?)")) {
            add(insert, topic, "case-a", "a#0");
            add(insert, topic, poisonCase, "x".repeat(2_000_000)); // larger than the producer's max.request.size
            add(insert, topic, poisonCase, poisonCase + "#after");
            add(insert, topic, "case-b", "b#0");
            insert.executeBatch();
        }
        try (KafkaRecordSender sender = new KafkaRecordSender(stack.kafkaSettings());
                OutboxRelay relay = new OutboxRelay(
                        stack::connect,
                        stack::connect,
                        sender,
                        new OutboxRelay.Settings("poison-test", 100, 3, Duration.ofSeconds(30)))) {
            OutboxRelay.Round round = relay.relayRound();
            assertEquals(2, round.published(), "the other cases flowed at once");
            assertEquals(1, round.failed());
            assertEquals(0, round.parked());
            relay.relayRound();
            OutboxRelay.Round third = relay.relayRound();
            assertEquals(1, third.parked(), "parked after max-attempts refusals");
            relay.relayRound();
        }
        List<ConsumerRecord<String, String>> records = stack.readAll(topic, 3, Duration.ofSeconds(30));
        assertEquals(
                List.of("a#0", "b#0", poisonCase + "#after"),
                records.stream().map(ConsumerRecord::value).sorted().toList());
        try (Connection connection = stack.connect();
                Statement statement = connection.createStatement();
                ResultSet parked = statement.executeQuery(
                        "select attempts, last_error from outbox_event where parked_at is not null")) {
            assertTrue(parked.next());
            assertEquals(3, parked.getInt(1));
            assertNotNull(parked.getString(2));
            assertTrue(parked.getString(2).contains("RecordTooLarge"), parked.getString(2));
        }
    }

    @Test
    void aCommitThatWritesToTheOutboxWakesTheLeaderAtOnce() throws Exception {
        try (KafkaRecordSender sender = new KafkaRecordSender(stack.kafkaSettings());
                OutboxRelay relay = new OutboxRelay(
                        stack::connect,
                        stack::connect,
                        sender,
                        new OutboxRelay.Settings("wake-test", 100, 3, Duration.ofSeconds(30)))) {
            assertTrue(relay.lead());
            Thread notifier = new Thread(() -> {
                try (Connection connection = stack.connect();
                        Statement statement = connection.createStatement()) {
                    Thread.sleep(300);
                    connection.setAutoCommit(false);
                    statement.execute("select pg_notify('" + Outbox.WAKE_CHANNEL + "', '')");
                    connection.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            notifier.start();
            long start = System.nanoTime();
            boolean woken = relay.awaitWork(Duration.ofSeconds(20));
            long waited = (System.nanoTime() - start) / 1_000_000;
            notifier.join();
            assertTrue(woken, "woken by the commit, not by the poll");
            assertTrue(waited < 10_000, "woken long before the safety-net poll: " + waited + " ms");
        }
    }

    private static void add(PreparedStatement insert, String topic, String key, String payload) throws SQLException {
        insert.setObject(1, UUID.randomUUID());
        insert.setString(2, topic);
        insert.setString(3, key);
        insert.setString(4, payload);
        insert.addBatch();
    }

    private long count(String condition) throws SQLException {
        try (Connection connection = stack.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select count(*) from outbox_event where " + condition)) {
            result.next();
            return result.getLong(1);
        }
    }
}
