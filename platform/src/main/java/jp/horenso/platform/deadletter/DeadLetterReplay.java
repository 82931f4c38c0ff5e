package jp.horenso.platform.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replays a dead-letter topic after the cause is fixed: every record not replayed yet goes back, with its key and
 * headers (minus the dead-letter ones), onto the topic it was dead-lettered from; the replay group's offsets then
 * mark it replayed, so the DLQ depth drops to 0. The consumers are idempotent, so replaying an event that was
 * applied after all changes nothing.
 *
 * <pre>
 * java -cp '&lt;service&gt;/target/quarkus-app/lib/main/*' jp.horenso.platform.deadletter.DeadLetterReplay \
 *     --bootstrap-servers localhost:9092 --dlq horenso.escalation-events.incident-service.dlq
 * </pre>
 * Options: {@code --group} (default {@code <dlq>.replay}, the group whose offsets {@link DeadLetters} counts from),
 * {@code --to} (another target topic), {@code --dry-run}.
 */
public final class DeadLetterReplay {

    /** The header SmallRye's dead-letter strategy writes with the topic the record came from. */
    static final String ORIGIN_HEADER = "dead-letter-topic";

    private DeadLetterReplay() {}

    /** The consumer group that marks what was replayed from {@code dlq}. */
    public static String replayGroup(String dlq) {
        return dlq + ".replay";
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (args.length == 1 && "--dry-run".equals(args[0])
                || !options.containsKey("bootstrap-servers")
                || !options.containsKey("dlq")) {
            System.err.println("usage: DeadLetterReplay --bootstrap-servers host:port --dlq <topic> [--to <topic>]"
                    + " [--group <group>] [--dry-run true]");
            System.exit(2);
        }
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", options.get("bootstrap-servers"));
        String dlq = options.get("dlq");
        List<String> replayed = replay(
                kafka,
                dlq,
                options.getOrDefault("group", replayGroup(dlq)),
                options.get("to"),
                Boolean.parseBoolean(options.getOrDefault("dry-run", "false")));
        System.out.printf(
                "%s %d record(s) of %s%n",
                Boolean.parseBoolean(options.getOrDefault("dry-run", "false")) ? "would replay" : "replayed",
                replayed.size(),
                dlq);
        replayed.forEach(line -> System.out.println("  " + line));
    }

    /**
     * Replays what {@code group} has not replayed yet from {@code dlq}, up to the end as it is now.
     *
     * @param kafka Kafka client settings (at least {@code bootstrap.servers})
     * @param target the topic to send to, or null for each record's origin
     * @return one line per record: its origin, key and the reason it was dead-lettered
     */
    public static List<String> replay(
            Map<String, Object> kafka, String dlq, String group, String target, boolean dryRun)
            throws ExecutionException, InterruptedException {
        Properties consumerSettings = new Properties();
        consumerSettings.putAll(kafka);
        consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerSettings.put(ConsumerConfig.CLIENT_ID_CONFIG, "dlq-replay-" + UUID.randomUUID());
        consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerSettings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerSettings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Properties producerSettings = new Properties();
        producerSettings.putAll(kafka);
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerSettings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerSettings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        List<String> replayed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerSettings);
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlq, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(dlq, info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata from = committed.get(partition);
                consumer.seek(partition, from != null ? from.offset() : start.get(partition));
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            List<Future<?>> sends = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!caughtUp(consumer, partitions, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    String origin = target != null ? target : header(record, ORIGIN_HEADER);
                    if (origin == null) {
                        throw new IllegalStateException(
                                "record " + record.offset() + " of " + dlq + " names no origin topic; give --to");
                    }
                    replayed.add(origin + " key=" + record.key() + " reason=" + header(record, "dead-letter-reason"));
                    if (!dryRun) {
                        ProducerRecord<String, String> again =
                                new ProducerRecord<>(origin, record.key(), record.value());
                        for (Header header : record.headers()) {
                            if (!header.key().startsWith("dead-letter-")) {
                                again.headers().add(header);
                            }
                        }
                        sends.add(producer.send(again));
                    }
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
            }
            for (Future<?> send : sends) {
                send.get();
            }
            if (!dryRun && !done.isEmpty()) {
                consumer.commitSync(done);
            }
        }
        return replayed;
    }

    private static boolean caughtUp(
            KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
