package jp.horenso.notification.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.TestKafka;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * notification-service's part of a report's trace and of the metrics (docs/observability.md), on real Kafka,
 * PostgreSQL and SMTP: the mail is sent in a span of the trace of the NotificationRequested that asked for it, a
 * log line written while handling an event carries the trace id in the JSON format production uses, delivery
 * attempts are counted per channel, and every metric the alerts and the dashboard name that this service should
 * expose is in its /q/metrics.
 */
@QuarkusTest
@TestProfile(ObservabilityTest.Traced.class)
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class ObservabilityTest {

    static final Path JSON_LOG = Path.of("target", "observability-test-json.log");

    /** The OpenTelemetry SDK on, spans kept in memory, nothing exported; log lines also in JSON to a file. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.traces.exporter", "none",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", JSON_LOG.toString(),
                    "quarkus.log.file.json.enabled", "true");
        }
    }

    /** Which service exposes a metric, by name prefix; "*" = every service. Same table in each service's test. */
    static final Map<String, String> OWNERS = Map.of(
            "horenso_outbox_", "*",
            "horenso_dead_letters", "*",
            "horenso_reports_", "incident-service",
            "horenso_hops_", "escalation-service",
            "horenso_timer_lag_", "escalation-service",
            "horenso_legal_clocks_", "escalation-service",
            "horenso_notifications_", "notification-service",
            "process_", "*",
            "jvm_", "*");

    private static final Pattern METRIC = Pattern.compile("\\b((?:horenso|process|jvm)_[a-z0-9_]+)\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CollectedSpans spans;

    @Inject
    MeterRegistry registry;

    @Test
    void theMailIsSentInTheReportsTraceAndCountedForItsChannel() {
        double sent = registry.get("horenso.notifications.sent")
                .tag("channel", "MAIL")
                .counter()
                .count();
        String traceId = hex(32);
        String writerSpan = hex(16);
        Request request = NotificationRequests.newReport();
        send(request, UUID.randomUUID(), "00-" + traceId + "-" + writerSpan + "-01");

        Mailbox.awaitMail(request.incidentNumber, Duration.ofSeconds(30));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> sendSpan(traceId).isPresent());
        SpanData send = sendSpan(traceId).orElseThrow();
        assertEquals(SpanKind.CLIENT, send.getKind());
        assertEquals(
                request.notificationId.toString(),
                send.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("horenso.notification.id"))
                        .map(e -> e.getValue().toString())
                        .findFirst()
                        .orElseThrow());
        assertEquals(writerSpan, spans.rootParentOf(send), "the send's ancestry leads to escalation-service's span");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> registry.get("horenso.notifications.sent")
                                .tag("channel", "MAIL")
                                .counter()
                                .count()
                        >= sent + 1);
    }

    @Test
    void aLogLineWrittenWhileHandlingAnEventCarriesItsTraceIdInTheJsonFormat() throws IOException {
        Request request = NotificationRequests.newReport();
        request.send();
        // The same notification asked for again, in another trace: the service logs that it changes nothing.
        String traceId = hex(32);
        send(request, UUID.randomUUID(), "00-" + traceId + "-" + hex(16) + "-01");

        String expected = request.notificationId + " already exists";
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> jsonLine(expected).isPresent());
        JsonNode line = jsonLine(expected).orElseThrow();
        assertEquals(traceId, line.path("mdc").path("traceId").asText(), line.toString());
        assertEquals(16, line.path("mdc").path("spanId").asText().length(), line.toString());
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardNameForThisServiceIsExposed() throws IOException {
        String scraped =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> missing = new TreeSet<>();
        for (String name : namedInDeploy()) {
            String owner = ownerOf(name);
            if ((owner.equals("*") || owner.equals("notification-service"))
                    && !Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]")
                            .matcher(scraped)
                            .find()) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "named in deploy/observability but not in notification-service's /q/metrics");
    }

    private Optional<SpanData> sendSpan(String traceId) {
        return spans.ofTrace(traceId).stream()
                .filter(s -> s.getName().equals("notification send mail"))
                .findFirst();
    }

    /** The request as a traced writer stores it: the envelope's attributes, traceparent, then data. */
    private static void send(Request request, UUID eventId, String traceparent) {
        ObjectNode event = request.event(eventId);
        ObjectNode traced = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = event.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("data")) {
                traced.put("traceparent", traceparent);
            }
            traced.set(field.getKey(), field.getValue());
        }
        TestKafka.send(TestKafka.ESCALATION_EVENTS, request.incidentId.toString(), traced.toString());
    }

    private static Optional<JsonNode> jsonLine(String containing) throws IOException {
        if (!Files.exists(JSON_LOG)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(JSON_LOG)) {
            if (line.contains(containing)) {
                return Optional.of(JSON.readTree(line));
            }
        }
        return Optional.empty();
    }

    private static Set<String> namedInDeploy() throws IOException {
        Path dir = Path.of("..", "deploy", "observability");
        Set<String> names = new TreeSet<>();
        for (String file : List.of("prometheus-rules.yaml", "grafana-dashboard.json")) {
            Matcher m = METRIC.matcher(Files.readString(dir.resolve(file)));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        assertTrue(names.size() > 10, "found the metrics in " + dir.toAbsolutePath() + ": " + names);
        return names;
    }

    private static String ownerOf(String name) {
        List<String> owners = OWNERS.entrySet().stream()
                .filter(e -> name.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        assertEquals(1, owners.size(), name + " has no owner in OWNERS: add it");
        return owners.get(0);
    }

    private static String hex(int length) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < length) {
            hex.append(Integer.toHexString(ThreadLocalRandom.current().nextInt(16)));
        }
        return hex.toString();
    }
}
