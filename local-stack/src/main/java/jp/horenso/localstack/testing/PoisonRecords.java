package jp.horenso.localstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Malformed records for a consumed topic, made from one valid event of that topic: not JSON, not UTF-8, JSON that
 * is not a CloudEvent, envelopes with a missing or foreign type, a missing, unknown or other organisation, a missing
 * or malformed id, time or data, data that breaks the event's schema, a text with NUL, a huge record, an empty
 * value. Each must land on the channel's dead-letter topic while the consumer keeps going ({@link #sendAll} and
 * {@link #awaitDeadLetters}, with plain Kafka clients as another service would send).
 */
public final class PoisonRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One malformed record: what it is, and its value ({@code null}: a record without a value). */
    public record Poison(String name, byte[] value) {

        public String text() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private PoisonRecords() {}

    /**
     * The malformed variants of {@code validEvent} (a structured CloudEvent of a case the service knows, of
     * organisation {@code organisation}); {@code otherOrganisation} is a real organisation the case is not of.
     */
    public static List<Poison> of(String validEvent, String otherOrganisation) {
        ObjectNode valid = parse(validEvent);
        String marker = UUID.randomUUID().toString();
        List<Poison> poisons = new ArrayList<>();
        poisons.add(text("not JSON", "not json at all " + marker));
        poisons.add(
                new Poison("not UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, (byte) 0xc0, (byte) 0xaf}));
        poisons.add(text("truncated JSON", validEvent.substring(0, validEvent.length() / 2)));
        poisons.add(text("JSON array", "[" + validEvent + "]"));
        poisons.add(text("JSON string", "\"" + marker + "\""));
        poisons.add(text("JSON but not a CloudEvent", "{\"hello\":\"world\",\"marker\":\"" + marker + "\"}"));
        poisons.add(without(valid, "type", "no type"));
        poisons.add(with(valid, "type", "com.example.Foreign", "foreign type"));
        poisons.add(with(valid, "type", "jp.horenso.", "empty Horenso type"));
        poisons.add(with(valid, "type", 42, "type not a text"));
        poisons.add(without(valid, "organisation", "no organisation"));
        poisons.add(with(valid, "organisation", otherOrganisation, "another organisation"));
        poisons.add(
                with(valid, "organisation", "no-such-organisation-" + marker.substring(0, 8), "unknown organisation"));
        poisons.add(without(valid, "id", "no id"));
        poisons.add(with(valid, "id", "not-a-uuid-" + marker, "id not a UUID"));
        poisons.add(with(valid, "specversion", "0.3", "other specversion"));
        poisons.add(with(valid, "time", "yesterday", "time not a time"));
        poisons.add(with(valid, "datacontenttype", "application/xml", "data not JSON"));
        poisons.add(without(valid, "data", "no data"));
        poisons.add(with(valid, "data", "text", "data a text"));
        poisons.add(dataFields(valid, "data fields null", JSON.nullNode()));
        poisons.add(
                dataFields(valid, "data fields objects", JSON.createObjectNode().put("x", 1)));
        poisons.add(dataFields(valid, "data texts with NUL", null));
        poisons.add(text(
                "huge record",
                "{\"specversion\":\"1.0\",\"marker\":\"" + marker + "\",\"data\":\"" + "長".repeat(250_000) + "\"}"));
        poisons.add(new Poison("no value", null));
        return poisons;
    }

    /** Sends each poison to {@code topic} under {@code key}, in order. */
    public static void sendAll(String bootstrapServers, String topic, String key, List<Poison> poisons) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4_000_000);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (Poison poison : poisons) {
                producer.send(new ProducerRecord<>(topic, key, poison.value()));
            }
            producer.flush();
        }
    }

    /**
     * The records of {@code deadLetterTopic} with {@code key}, read from the start until {@code expected} of them
     * arrived or {@code timeout} passed.
     */
    public static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(
            String bootstrapServers, String deadLetterTopic, String key, int expected, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "poison-check-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 10_000_000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 10_000_000);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(deadLetterTopic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** The poisons that are missing from {@code deadLetters} (compared by value). */
    public static List<Poison> missing(List<Poison> poisons, List<ConsumerRecord<String, byte[]>> deadLetters) {
        List<byte[]> left =
                new ArrayList<>(deadLetters.stream().map(ConsumerRecord::value).toList());
        List<Poison> missing = new ArrayList<>();
        for (Poison poison : poisons) {
            byte[] match = null;
            for (byte[] value : left) {
                if (poison.value() == null ? value == null : sameText(poison.value(), value)) {
                    match = value;
                    break;
                }
            }
            if (poison.value() == null && left.contains(null)) {
                left.remove(null);
            } else if (match == null) {
                missing.add(poison);
            } else {
                left.remove(match);
            }
        }
        return missing;
    }

    /** Same bytes, or the same text after a String deserializer replaced what was not UTF-8. */
    private static boolean sameText(byte[] sent, byte[] dead) {
        if (dead == null) {
            return false;
        }
        return Arrays.equals(sent, dead)
                || new String(sent, StandardCharsets.UTF_8).equals(new String(dead, StandardCharsets.UTF_8));
    }

    /** The headers of a dead letter, as texts. */
    public static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.HashMap<>();
        record.headers()
                .forEach(h ->
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }

    private static ObjectNode parse(String event) {
        try {
            return (ObjectNode) JSON.readTree(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Poison text(String name, String value) {
        return new Poison(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Poison without(ObjectNode valid, String attribute, String name) {
        ObjectNode copy = valid.deepCopy();
        copy.remove(attribute);
        copy.put("id", UUID.randomUUID().toString());
        if (attribute.equals("id")) {
            copy.remove("id");
        }
        return text(name, copy.toString());
    }

    private static Poison with(ObjectNode valid, String attribute, Object value, String name) {
        ObjectNode copy = valid.deepCopy();
        if (!attribute.equals("id")) {
            copy.put("id", UUID.randomUUID().toString());
        }
        copy.set(attribute, JSON.valueToTree(value));
        return text(name, copy.toString());
    }

    /** Every field of {@code data} set to {@code replacement} (null: each text given a NUL instead). */
    private static Poison dataFields(ObjectNode valid, String name, JsonNode replacement) {
        ObjectNode copy = valid.deepCopy();
        copy.put("id", UUID.randomUUID().toString());
        JsonNode data = copy.path("data");
        if (data instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(f -> names.add(f.getKey()));
            for (String field : names) {
                if (replacement != null) {
                    object.set(field, replacement);
                } else if (object.get(field).isTextual()) {
                    object.put(field, object.get(field).asText() + "\u0000");
                }
            }
        }
        return text(name, copy.toString());
    }
}
