package jp.horenso.escalation.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Everything the service published on {@code horenso.escalation-events}, read by a plain Kafka consumer
 * running for the whole test JVM. Each record is checked on arrival: schema, key = subject, content-type.
 */
public final class EscalationEventLog {

    /** The topic the service publishes on, as its configuration names it ({@code horenso.platform.topic}). */
    public static String topic() {
        return ConfigProvider.getConfig().getValue("horenso.platform.topic", String.class);
    }

    private static EscalationEventLog instance;

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** One record as it arrived, with what is wrong with it (empty when nothing). */
    public record Received(String key, JsonNode event, List<String> problems) {}

    private EscalationEventLog(String bootstrapServers) {
        Properties props = fromBeginning(bootstrapServers);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic()));
        Thread poller = new Thread(
                () -> {
                    while (true) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                            received.add(check(record));
                        }
                    }
                },
                "escalation-event-log");
        poller.setDaemon(true);
        poller.start();
    }

    /** The log of the test JVM, started on first use. */
    public static synchronized EscalationEventLog get() {
        if (instance == null) {
            instance = new EscalationEventLog(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        }
        return instance;
    }

    /** The events about a case so far, in the order published; fails if any of them breaks the contract. */
    public List<JsonNode> of(UUID incidentId) {
        List<JsonNode> events = new ArrayList<>();
        for (Received r : received) {
            if (incidentId.toString().equals(r.event().path("subject").asText())) {
                if (!r.problems().isEmpty()) {
                    throw new AssertionError("published event is invalid: " + r.problems() + "\n"
                            + r.event().toPrettyString());
                }
                events.add(r.event());
            }
        }
        return events;
    }

    /** The events of one type about any subject (e.g. an organisation code), checked against the contract. */
    public List<JsonNode> ofSubject(String subject, String eventName) {
        List<JsonNode> events = new ArrayList<>();
        for (Received r : received) {
            if (subject.equals(r.event().path("subject").asText())
                    && r.event().path("type").asText().equals("jp.horenso." + eventName)) {
                if (!r.problems().isEmpty()) {
                    throw new AssertionError("published event is invalid: " + r.problems() + "\n"
                            + r.event().toPrettyString());
                }
                events.add(r.event());
            }
        }
        return events;
    }

    /** Every event about a subject (e.g. an organisation code) so far, in the order published, checked. */
    public List<JsonNode> allOfSubject(String subject) {
        List<JsonNode> events = new ArrayList<>();
        for (Received r : received) {
            if (subject.equals(r.event().path("subject").asText())) {
                if (!r.problems().isEmpty()) {
                    throw new AssertionError("published event is invalid: " + r.problems() + "\n"
                            + r.event().toPrettyString());
                }
                events.add(r.event());
            }
        }
        return events;
    }

    /** The NotificationRequested data of a case of one kind, so far. */
    public List<JsonNode> notices(UUID incidentId, String kind) {
        return of(incidentId, "NotificationRequested").stream()
                .map(e -> e.path("data"))
                .filter(d -> d.path("kind").asText().equals(kind))
                .toList();
    }

    /** The events of one type (e.g. {@code HopOpened}) about a case so far. */
    public List<JsonNode> of(UUID incidentId, String eventName) {
        return of(incidentId).stream()
                .filter(e -> e.path("type").asText().equals("jp.horenso." + eventName))
                .toList();
    }

    /** Waits until at least {@code count} NotificationRequested of a kind arrived for the case; returns their data. */
    public List<JsonNode> awaitNotices(UUID incidentId, String kind, int count) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> notices(incidentId, kind).size() >= count);
        return notices(incidentId, kind);
    }

    /** Waits until at least {@code count} events of the type about the case arrived; returns them all. */
    public List<JsonNode> await(UUID incidentId, String eventName, int count) {
        return await(incidentId, eventName, count, Duration.ofSeconds(20));
    }

    public List<JsonNode> await(UUID incidentId, String eventName, int count, Duration atMost) {
        org.awaitility.Awaitility.await()
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> of(incidentId, eventName).size() >= count);
        return of(incidentId, eventName);
    }

    private Received check(ConsumerRecord<String, String> record) {
        JsonNode event;
        try {
            event = mapper.readTree(record.value());
        } catch (Exception e) {
            return new Received(
                    record.key(), mapper.createObjectNode().put("raw", record.value()), List.of("not JSON"));
        }
        List<String> problems = new ArrayList<>(Contract.problems(event));
        if (!String.valueOf(record.key()).equals(event.path("subject").asText())) {
            problems.add("key " + record.key() + " is not the subject");
        }
        Header contentType = record.headers().lastHeader("content-type");
        if (contentType == null
                || !"application/cloudevents+json".equals(new String(contentType.value(), StandardCharsets.UTF_8))) {
            problems.add("content-type header is not application/cloudevents+json");
        }
        return new Received(record.key(), event, List.copyOf(problems));
    }

    /** Reads a topic from its beginning until {@code wanted} values were all seen; returns the records. */
    public static List<ConsumerRecord<String, String>> readUntil(String topic, List<String> wanted, Duration atMost) {
        Properties props = fromBeginning(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + atMost.toNanos();
            while (System.nanoTime() < end && found.size() < wanted.size()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.contains(record.value())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Reads a topic from its beginning until the record whose value is {@code sentinel} arrived; returns every
     * record read before it (the sentinel excluded). Fails when the sentinel does not arrive in time.
     */
    public static List<ConsumerRecord<String, String>> readBefore(String topic, String sentinel, Duration atMost) {
        Properties props = fromBeginning(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        List<ConsumerRecord<String, String>> before = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + atMost.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (sentinel.equals(record.value())) {
                        return before;
                    }
                    before.add(record);
                }
            }
        }
        throw new AssertionError("the sentinel did not reach " + topic + " within " + atMost);
    }

    /** A consumer of its own group that reads from the topic's beginning. */
    private static Properties fromBeginning(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "escalation-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /** Header values of a record as text. */
    public static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
