package jp.horenso.platform.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import jp.horenso.platform.support.RealStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The documented DLQ replay command, on a real broker. */
class DeadLetterReplayTest {

    private final RealStack stack = RealStack.get();

    @Test
    void replaySendsEachDeadLetterBackToItsOriginOnceWithoutTheDeadLetterHeaders() throws Exception {
        String origin = "origin-" + UUID.randomUUID();
        String dlq = origin + ".test-service.dlq";
        Properties settings = new Properties();
        settings.put("bootstrap.servers", stack.bootstrapServers());
        settings.put("key.serializer", StringSerializer.class.getName());
        settings.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            for (int i = 0; i < 3; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(dlq, "case-" + i, "event-" + i);
                record.headers().add("dead-letter-topic", origin.getBytes(StandardCharsets.UTF_8));
                record.headers().add("dead-letter-reason", "database away".getBytes(StandardCharsets.UTF_8));
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }

        List<String> dryRun =
                DeadLetterReplay.replay(stack.kafkaSettings(), dlq, DeadLetterReplay.replayGroup(dlq), null, true);
        assertEquals(3, dryRun.size());
        List<String> replayed =
                DeadLetterReplay.replay(stack.kafkaSettings(), dlq, DeadLetterReplay.replayGroup(dlq), null, false);
        assertEquals(3, replayed.size(), "a dry run replays nothing");
        List<String> again =
                DeadLetterReplay.replay(stack.kafkaSettings(), dlq, DeadLetterReplay.replayGroup(dlq), null, false);
        assertEquals(0, again.size(), "what was replayed is not replayed twice");

        List<ConsumerRecord<String, String>> back = stack.readAll(origin, 3, Duration.ofSeconds(30));
        assertEquals(
                List.of("event-0", "event-1", "event-2"),
                back.stream().map(ConsumerRecord::value).sorted().toList());
        for (ConsumerRecord<String, String> record : back) {
            assertNull(record.headers().lastHeader("dead-letter-reason"));
            assertEquals(
                    "application/cloudevents+json",
                    new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        }
    }
}
