package jp.horenso.escalation.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.horenso.escalation.legal.LegalReport;
import jp.horenso.escalation.legal.service.LegalClocksNearDue;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.escalation.support.ReportedCase;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The meters escalation-service owns (docs/observability.md), counted from real events on Kafka, and every metric
 * the alerts and the Grafana dashboard under deploy/observability name that this service (or the platform in it)
 * should expose, found in its /q/metrics: a renamed meter fails here, not silently in production.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class MetricsExposedTest {

    /** Which service exposes a metric, by name prefix; "*" = every service (platform, JVM, process). */
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
    private static final String APPI = "PPC_APPI";

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    MeterRegistry registry;

    @Inject
    LegalClocksNearDue nearDue;

    @Test
    void theChainsHopsAreCountedPerOrganisationTheTimerLagMeasuredAndEveryMeterTheAlertsNameIsExposed()
            throws IOException {
        double opened = counted("horenso.hops.opened");
        double escalated = counted("horenso.hops.escalated");
        double acknowledged = counted("horenso.hops.acknowledged");
        long lagged = timed();

        // 直ちに is PT3S in %test: the section chief's hop times out and escalates on its own.
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        published.await(incident, "HopEscalated", 1, Duration.ofSeconds(60));
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now()));
        published.await(incident, "HopAcknowledged", 1, Duration.ofSeconds(60));

        // Tracing is off by default (docs/observability.md): no event carries a trace context.
        published.of(incident).forEach(event -> assertFalse(event.has("traceparent"), event.toString()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertTrue(counted("horenso.hops.opened") >= opened + 2, "the chief's hop and the escalation's");
            assertTrue(counted("horenso.hops.escalated") >= escalated + 1);
            assertTrue(counted("horenso.hops.acknowledged") >= acknowledged + 1);
            assertTrue(timed() >= lagged + 1, "the time-out's lag was measured");
        });

        String scraped =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> missing = new TreeSet<>();
        for (String name : namedInDeploy()) {
            String owner = ownerOf(name);
            if ((owner.equals("*") || owner.equals("escalation-service")) && !exposes(scraped, name)) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "named in deploy/observability but not in escalation-service's /q/metrics");
    }

    @Test
    void r1_legalReportsDueWithinADayAreCountedPerOrganisationAndReport_theNoticeToThePersonsIncluded() {
        Map<LegalReport, Long> before = demoCity(nearDue.refresh());
        Instant now = Instant.now();
        // 速報 due in two hours.
        ReportedCase near = ReportedCase.welfare(false);
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                near.id(),
                near.number(),
                APPI,
                now.minus(3, ChronoUnit.DAYS),
                now.plus(1, ChronoUnit.HOURS),
                now.plus(2, ChronoUnit.HOURS),
                now.plus(27, ChronoUnit.DAYS),
                false));
        // 本人通知 (法68条2項) due in three hours, its 速報 in three days.
        ReportedCase persons = ReportedCase.welfare(false);
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                persons.id(),
                persons.number(),
                APPI,
                now,
                now.plus(2, ChronoUnit.DAYS),
                now.plus(3, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS),
                now.plus(3, ChronoUnit.HOURS)));
        // Neither a duty whose reports and notice are due in two days or more nor a drill counts.
        ReportedCase later = ReportedCase.welfare(false);
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                later.id(),
                later.number(),
                APPI,
                now,
                now.plus(2, ChronoUnit.DAYS),
                now.plus(3, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS),
                now.plus(2, ChronoUnit.DAYS)));
        ReportedCase drill = ReportedCase.welfare(true);
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                drill.id(),
                drill.number(),
                APPI,
                now.minus(3, ChronoUnit.DAYS),
                now.plus(1, ChronoUnit.HOURS),
                now.plus(2, ChronoUnit.HOURS),
                now.plus(27, ChronoUnit.DAYS),
                true));
        Map<LegalReport, Long> expected = new EnumMap<>(before);
        expected.merge(LegalReport.PROMPT, 1L, Long::sum);
        expected.merge(LegalReport.PERSONS_NOTICE, 1L, Long::sum);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> demoCity(nearDue.refresh()).equals(expected));
        for (LegalReport report : LegalReport.values()) {
            assertEquals(
                    (double) expected.get(report),
                    registry.get("horenso.legal.clocks.near.due")
                            .tag("organisation", "demo-city")
                            .tag("report", report.name())
                            .gauge()
                            .value(),
                    report.name());
        }

        IncidentEvents.send(IncidentEvents.legalReportSubmitted(near.id(), APPI, "PROMPT"));
        // The notice has no submission of its own: it counts until the duty's clock stops (its final report).
        IncidentEvents.send(IncidentEvents.legalReportSubmitted(persons.id(), APPI, "FINAL"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> demoCity(nearDue.refresh()).equals(before));
    }

    private static Map<LegalReport, Long> demoCity(Map<LegalClocksNearDue.Clock, Long> counts) {
        Map<LegalReport, Long> of = new EnumMap<>(LegalReport.class);
        for (LegalReport report : LegalReport.values()) {
            of.put(report, counts.getOrDefault(new LegalClocksNearDue.Clock("demo-city", report), 0L));
        }
        return of;
    }

    private double counted(String name) {
        return registry.find(name).tag("organisation", "demo-city").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private long timed() {
        Timer timer = registry.find("horenso.timer.lag").tag("timer", "hop").timer();
        return timer == null ? 0 : timer.count();
    }

    /** Every metric named in the PromQL of the alerts and the dashboard. */
    static Set<String> namedInDeploy() throws IOException {
        Path dir = Path.of("..", "deploy", "observability");
        Set<String> names = new TreeSet<>();
        for (String file : List.of("prometheus-rules.yaml", "grafana-dashboard.json")) {
            String text = Files.readString(dir.resolve(file));
            Matcher m = METRIC.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        assertTrue(names.size() > 10, "found the metrics in " + dir.toAbsolutePath() + ": " + names);
        return names;
    }

    static String ownerOf(String name) {
        List<String> owners = OWNERS.entrySet().stream()
                .filter(e -> name.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .collect(Collectors.toList());
        assertEquals(1, owners.size(), name + " has no owner in MetricsExposedTest.OWNERS: add it");
        return owners.get(0);
    }

    /** Whether the scrape has a sample of {@code name} (with or without labels). */
    static boolean exposes(String scraped, String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]")
                .matcher(scraped)
                .find();
    }
}
