package jp.horenso.incident.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * incident-service's part of a report's trace and of the metrics (docs/observability.md), on real PostgreSQL and
 * Kafka: the IncidentReported of a report filed over HTTP carries the request's trace as its {@code traceparent}
 * (in the stored CloudEvent and, from the relay, in the Kafka header), the filing is counted per organisation and
 * kind, and every metric the alerts and the dashboard name that this service should expose is in its /q/metrics.
 */
@QuarkusTest
@TestProfile(ObservabilityTest.Traced.class)
class ObservabilityTest {

    /** The OpenTelemetry SDK on, spans kept in memory, nothing exported. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");
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
    void article43_aFiledReportsEventCarriesTheRequestsTraceToKafkaAndIsCounted() throws IOException {
        double filed = filed();
        String id = Reports.file(Tokens.staff1());

        String topic = ConfigProvider.getConfig().getValue("horenso.platform.topic", String.class);
        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                topic,
                r -> id.equals(r.key()) && r.value().contains("\"type\":\"jp.horenso.IncidentReported\""),
                Duration.ofSeconds(30));
        JsonNode event = JSON.readTree(record.value());
        String traceparent = event.path("traceparent").asText();
        assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), "a W3C traceparent: " + traceparent);
        Header header = record.headers().lastHeader("traceparent");
        assertEquals(traceparent, header == null ? null : new String(header.value(), StandardCharsets.UTF_8));

        String traceId = traceparent.substring(3, 35);
        String spanId = traceparent.substring(36, 52);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> spans.ofTrace(traceId).stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
        SpanData server = spans.ofTrace(traceId).stream()
                .filter(s -> s.getKind() == SpanKind.SERVER)
                .findFirst()
                .orElseThrow();
        assertTrue(server.getName().startsWith("POST"), "the filing request's span: " + server.getName());
        assertTrue(
                spans.ofTrace(traceId).stream().anyMatch(s -> s.getSpanId().equals(spanId)),
                "the event names a span of the request's trace");
        assertEquals(filed + 1, filed());
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardNameForThisServiceIsExposed() throws IOException {
        Reports.file(Tokens.staff1());
        String scraped =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> missing = new TreeSet<>();
        for (String name : namedInDeploy()) {
            String owner = ownerOf(name);
            if ((owner.equals("*") || owner.equals("incident-service"))
                    && !Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]")
                            .matcher(scraped)
                            .find()) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "named in deploy/observability but not in incident-service's /q/metrics");
    }

    private double filed() {
        return registry
                .find("horenso.reports.filed")
                .tag("organisation", "demo-city")
                .tag("kind", "SECURITY_INCIDENT")
                .tag("drill", "false")
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
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
}
