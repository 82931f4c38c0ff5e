package jp.horenso.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jp.horenso.systemtests.OtlpTraceReceiver.Kind;
import jp.horenso.systemtests.OtlpTraceReceiver.ReceivedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15: one trace follows a report from the HTTP request across Kafka to the mail server, through the three
 * packaged services as they run in production (traces on, exported over OTLP to the run's {@link OtlpTraceReceiver};
 * docs/observability.md). The services' own tests prove each hop with spans in memory; this one proves the hops
 * join: a caller's W3C {@code traceparent} on the report, and every span the services export for it hangs, parent by
 * parent, from the caller's span.
 */
@ExtendWith(SystemUnderTest.class)
class ReportTraceEndToEndTest {

    private static final String JSON = "application/json; charset=UTF-8";
    /** Generous: the CI machine has two cores shared by five JVMs. */
    private static final Duration MAIL_WAIT = Duration.ofSeconds(60);
    /** After the mail: the spans still to be exported (every 200 ms in this run) and the consumers' replies. */
    private static final Duration TRACE_WAIT = Duration.ofSeconds(30);

    private static RunningSystem system;
    private static DemoRealm realm;

    @BeforeAll
    static void connect(RunningSystem running) {
        system = running;
        system.stack();
        realm = new DemoRealm(running.keycloak());
    }

    @Test
    void aReportsTraceFollowsItFromTheRequestAcrossKafkaToTheMailServer() {
        String traceId = hex(32);
        String callersSpan = hex(16);
        system.traces().watch(traceId);
        long started = System.nanoTime();

        // A caller that traces (a gateway, the console one day) files the report inside its own span.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        Response response = given().auth()
                .oauth2(realm.accessToken("staff1"))
                .header("traceparent", "00-" + traceId + "-" + callersSpan + "-01")
                .contentType(JSON)
                .body(Map.of(
                        "title", "トレースの確認 / Tracing a report",
                        "description", "システムテストによる報告です。 / Filed by the system tests.",
                        "occurredAt", now.minusHours(1).toString(),
                        "discoveredAt", now.minusMinutes(5).toString(),
                        "reporterType", "STAFF"))
                .post(system.incidentUrl() + "/api/incidents");
        response.then().statusCode(201);
        String number = response.jsonPath().getString("number");

        // The section chief is mailed (第43条1項): the last hop happened.
        await("mail to chief1 about " + number + " (logs: " + system.logsDir() + ")")
                .atMost(MAIL_WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> system.mail().messagesTo(DemoRealm.mailOf("chief1")).stream()
                        .anyMatch(m -> m.subject() != null && m.subject().contains(number)));

        // Wait until the trace has every hop and is closed: each span's parent exported too (a parent ends, and so
        // is exported, after its children).
        List<ReceivedSpan> trace = awaitTrace(traceId, callersSpan);
        System.out.printf(
                "[trace] %s: one tree %.1f s after the report (%s)%n  %s%n",
                traceId, (System.nanoTime() - started) / 1e9, system.traces().summary(), render(trace));

        ReceivedSpan request = only(
                trace,
                "incident-service's span of POST /api/incidents",
                s -> s.service().equals("incident-service")
                        && s.kind() == Kind.SERVER
                        && s.name().startsWith("POST")
                        && s.name().contains("/api/incidents"));
        assertEquals(callersSpan, request.parentSpanId(), "the request's span is the caller's child: " + request);
        ReceivedSpan reported = only(
                trace,
                "escalation-service's Kafka consumer span of the IncidentReported",
                s -> s.service().equals("escalation-service")
                        && s.kind() == Kind.CONSUMER
                        && s.name().equals("IncidentReported process")
                        && "kafka".equals(s.attributes().get("messaging.system")));
        List<ReceivedSpan> sends = trace.stream()
                .filter(s -> s.service().equals("notification-service")
                        && s.kind() == Kind.CLIENT
                        && s.name().equals("notification send mail"))
                .toList();
        assertTrue(!sends.isEmpty(), "notification-service's span of a mail send in " + render(trace));

        // Each send hangs from the caller through every service, each hop the child of the one before: the mail's
        // span ← notification-service's consumer span of the NotificationRequested ← escalation-service's consumer
        // span of the IncidentReported ← incident-service's request span ← the caller's span.
        for (ReceivedSpan send : sends) {
            List<ReceivedSpan> ancestry = ancestryOf(send, trace);
            assertEquals(
                    callersSpan,
                    ancestry.get(ancestry.size() - 1).parentSpanId(),
                    "the mail's ancestry ends at the caller's span: " + ancestry);
            assertEquals(
                    List.of("notification-service", "escalation-service", "incident-service"),
                    ancestry.stream().map(ReceivedSpan::service).distinct().toList(),
                    "the mail's ancestry crosses the services in order: " + ancestry);
            assertTrue(
                    ancestry.stream()
                            .anyMatch(s -> s.service().equals("notification-service")
                                    && s.kind() == Kind.CONSUMER
                                    && s.name().equals("NotificationRequested process")
                                    && "kafka".equals(s.attributes().get("messaging.system"))),
                    "notification-service handled the NotificationRequested in a Kafka consumer span: " + ancestry);
            assertTrue(ancestry.contains(reported), "escalation-service's consumer span is an ancestor: " + ancestry);
            assertTrue(ancestry.contains(request), "the request's span is an ancestor: " + ancestry);
        }

        // One tree: only the request's span hangs from the caller, every other span from a span of the trace.
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertEquals(ids.size(), trace.size(), "span ids are unique: " + render(trace));
        assertEquals(
                List.of(request),
                trace.stream().filter(s -> s.parentSpanId().equals(callersSpan)).toList(),
                "only the request's span is the caller's child: " + render(trace));
        assertEquals(
                List.of(),
                trace.stream()
                        .filter(s -> !s.parentSpanId().equals(callersSpan) && !ids.contains(s.parentSpanId()))
                        .toList(),
                "spans whose parent is not in the trace: " + render(trace));
    }

    /**
     * The watched trace once it has incident-service's request span, escalation-service's and notification-service's
     * consumer spans and the mail's span, and every span's parent is the caller's span or in the trace; fails with
     * what arrived otherwise.
     */
    private static List<ReceivedSpan> awaitTrace(String traceId, String callersSpan) {
        long end = System.nanoTime() + TRACE_WAIT.toNanos();
        List<ReceivedSpan> trace = system.traces().spansOf(traceId);
        while (!complete(trace, callersSpan) && System.nanoTime() < end) {
            sleep(Duration.ofMillis(250));
            trace = system.traces().spansOf(traceId);
        }
        assertTrue(
                complete(trace, callersSpan),
                "the trace " + traceId + " has every hop and every span's parent within "
                        + TRACE_WAIT.toSeconds() + " s after the mail; received " + render(trace) + "\nreceiver: "
                        + system.traces().summary() + " (logs: " + system.logsDir() + ")");
        return trace;
    }

    private static boolean complete(List<ReceivedSpan> trace, String callersSpan) {
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        return has(trace, "incident-service", Kind.SERVER, "POST")
                && has(trace, "escalation-service", Kind.CONSUMER, "IncidentReported process")
                && has(trace, "notification-service", Kind.CONSUMER, "NotificationRequested process")
                && has(trace, "notification-service", Kind.CLIENT, "notification send mail")
                && trace.stream().allMatch(s -> s.parentSpanId().equals(callersSpan) || ids.contains(s.parentSpanId()));
    }

    private static boolean has(List<ReceivedSpan> trace, String service, Kind kind, String namePrefix) {
        return trace.stream()
                .anyMatch(s -> s.service().equals(service)
                        && s.kind() == kind
                        && s.name().startsWith(namePrefix));
    }

    /** The span, its parent, its parent's parent … as far as the trace holds them. */
    private static List<ReceivedSpan> ancestryOf(ReceivedSpan span, List<ReceivedSpan> trace) {
        List<ReceivedSpan> ancestry = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Optional<ReceivedSpan> current = Optional.of(span);
        while (current.isPresent() && seen.add(current.get().spanId())) {
            ancestry.add(current.get());
            String parent = current.get().parentSpanId();
            current = trace.stream().filter(s -> s.spanId().equals(parent)).findFirst();
        }
        return ancestry;
    }

    private static ReceivedSpan only(List<ReceivedSpan> trace, String what, Predicate<ReceivedSpan> matching) {
        List<ReceivedSpan> found = trace.stream().filter(matching).toList();
        assertEquals(1, found.size(), "one " + what + " in " + render(trace));
        return found.get(0);
    }

    private static String render(List<ReceivedSpan> trace) {
        return trace.size() + " spans:\n  "
                + trace.stream().map(ReceivedSpan::toString).collect(Collectors.joining("\n  "));
    }

    /** Random lower-case hex, not all zeros (W3C: an all-zero trace or span id is invalid). */
    private static String hex(int length) {
        StringBuilder hex = new StringBuilder("1");
        while (hex.length() < length) {
            hex.append(Integer.toHexString(ThreadLocalRandom.current().nextInt(16)));
        }
        return hex.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
