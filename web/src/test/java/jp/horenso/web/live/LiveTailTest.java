package jp.horenso.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console reads the case topics only while someone watches (issue 13), on the real broker: from the newest
 * record on, not at all once nobody has watched for the linger time, and without a consumer group. A tail of its
 * own here, with the console's Kafka settings and a one-second linger, so that the streams other tests leave open
 * do not keep it reading.
 */
@QuarkusTest
class LiveTailTest {

    private static final String TOPIC = "horenso.incident-events";

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private LiveTail tail;

    @AfterEach
    void stop() {
        if (tail != null) {
            tail.onStop(null);
        }
    }

    @Test
    void readsFromTheNewestRecordOnlyWhileWatchedAndJoinsNoConsumerGroup() throws Exception {
        tail = new LiveTail(kafka, settings(Duration.ofSeconds(1)));
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        AtomicBoolean watched = new AtomicBoolean(true);
        try (KafkaProducer<String, String> producer = producer();
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.get("bootstrap.servers")))) {
            Set<String> groupsBefore = groups(admin);
            String earlier = send(producer);

            tail.follow(watched::get, read::add);
            assertTrue(tail.reading());
            String first = sendUntilRead(producer, read);
            assertFalse(read.contains(earlier), "what came before the first watcher is not read");
            assertEquals(groupsBefore, groups(admin), "no consumer group");

            watched.set(false); // the last stream closed
            Instant until = Instant.now().plusSeconds(20);
            while (tail.reading() && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            assertFalse(tail.reading(), "stops once nobody watched for the linger time");
            read.clear();
            String unwatched = send(producer);
            assertNull(read.poll(1500, TimeUnit.MILLISECONDS), "nothing is read while nobody watches");

            watched.set(true); // a stream opens again: from the newest record on, not from where it stopped
            tail.follow(watched::get, read::add);
            sendUntilRead(producer, read);
            assertFalse(read.contains(unwatched), read.toString());
            assertFalse(read.contains(first), read.toString());
            assertEquals(groupsBefore, groups(admin), "still no consumer group");
        }
    }

    @Test
    void aSecondWatcherUsesTheReaderAlreadyRunningAndShutdownStopsIt() throws Exception {
        tail = new LiveTail(kafka, settings(Duration.ofMinutes(2)));
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        BlockingQueue<String> notUsed = new LinkedBlockingQueue<>();
        tail.follow(() -> true, read::add);
        tail.follow(() -> true, notUsed::add); // one reader per instance: the first one's sink gets everything
        try (KafkaProducer<String, String> producer = producer()) {
            sendUntilRead(producer, read);
        }
        assertTrue(notUsed.isEmpty());
        tail.onStop(null);
        assertFalse(tail.reading(), "shutdown stops the reader");
        tail.follow(() -> true, read::add);
        assertFalse(tail.reading(), "and none starts after it");
    }

    private static LiveConfig settings(Duration linger) {
        return new LiveConfig() {
            @Override
            public List<String> topics() {
                return List.of(TOPIC, "horenso.escalation-events");
            }

            @Override
            public Duration linger() {
                return linger;
            }
        };
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /** Sends one record, acknowledged by the broker; returns its value. */
    private static String send(KafkaProducer<String, String> producer) throws Exception {
        String value = "fact-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(TOPIC, value, value)).get(30, TimeUnit.SECONDS);
        return value;
    }

    /** Sends until one of the records sent is read (the reader assigns itself a moment after it starts). */
    private static String sendUntilRead(KafkaProducer<String, String> producer, BlockingQueue<String> read)
            throws Exception {
        Instant until = Instant.now().plusSeconds(60);
        Set<String> sent = new TreeSet<>();
        while (Instant.now().isBefore(until)) {
            sent.add(send(producer));
            String value;
            while ((value = read.poll(500, TimeUnit.MILLISECONDS)) != null) {
                if (sent.contains(value)) {
                    read.add(value);
                    return value;
                }
                read.add(value);
                throw new AssertionError("read a record that was not sent while watched: " + value);
            }
        }
        throw new AssertionError("nothing read within 60 s");
    }

    private static Set<String> groups(Admin admin) throws Exception {
        Set<String> groups = new TreeSet<>();
        for (GroupListing group : admin.listGroups().all().get(30, TimeUnit.SECONDS)) {
            groups.add(group.groupId());
        }
        return groups;
    }
}
