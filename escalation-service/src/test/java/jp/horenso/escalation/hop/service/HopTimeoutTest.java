package jp.horenso.escalation.hop.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopStatus;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.support.CaseSentinel;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.Events;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.escalation.timer.TimerJobs;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class HopTimeoutTest {

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    HopTimeoutService timeouts;

    @Inject
    HopRepository hops;

    @Inject
    Scheduler scheduler;

    @Test
    void unacknowledgedHopEscalatesToDepartmentHeadAndSecurityLead() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        String chiefHop = published
                .await(incident, "HopOpened", 1)
                .get(0)
                .path("data")
                .path("hopId")
                .asText();

        JsonNode escalated = published.await(incident, "HopEscalated", 1).get(0).path("data");
        assertEquals(chiefHop, escalated.path("fromHopId").asText());
        assertEquals("TIMEOUT", escalated.path("reason").asText());
        List<String> toHops = new ArrayList<>();
        escalated
                .path("toHops")
                .forEach(to -> toHops.add(to.path("step").asText() + "/"
                        + to.path("recipient").path("username").asText()));
        assertEquals(
                List.of("DEPARTMENT_HEAD/head1", "SECURITY_LEAD/seclead"),
                toHops.stream().sorted().toList());

        JsonNode timedOut = published.of(incident, "HopTimedOut").get(0).path("data");
        assertEquals(chiefHop, timedOut.path("hopId").asText());
        assertEquals("chief1", timedOut.path("recipient").path("username").asText());
        assertTrue(!Instant.parse(timedOut.path("timedOutAt").asText())
                .isBefore(Instant.parse(timedOut.path("ackDeadline").asText())));

        // The chief's HOP_OVERDUE may arrive between the two escalations: wait for both.
        published.awaitNotices(incident, "ESCALATION", 2);
        List<JsonNode> escalations = published.of(incident, "NotificationRequested").stream()
                .filter(n -> n.path("data").path("kind").asText().equals("ESCALATION"))
                .toList();
        assertEquals(List.of("DEPARTMENT_HEAD/head1", "SECURITY_LEAD/seclead"), Events.stepsAndRecipients(escalations));
        assertEquals(
                List.of("head1@demo-city.example.jp", "seclead@demo-city.example.jp"),
                escalations.stream()
                        .map(n -> n.path("data").path("recipient").path("email").asText())
                        .sorted()
                        .toList());
        List<JsonNode> reopened = published.of(incident, "HopOpened").subList(1, 3);
        assertEquals(List.of(chiefHop, chiefHop), Events.data(reopened, "escalatedFrom"));
    }

    @Test
    void unansweredChainReachesTheCisoOnceAndEndsThere() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));

        // chief1 → head1 + seclead → ciso (both time-outs lead there; told once) → recorded, nothing further
        published.await(incident, "HopTimedOut", 4, Duration.ofSeconds(40));
        List<JsonNode> cisoOpened = published.of(incident, "HopOpened").stream()
                .filter(e -> e.path("data").path("step").asText().equals("CISO"))
                .toList();
        assertEquals(1, cisoOpened.size());
        assertEquals(2, published.of(incident, "HopEscalated").size());
        // One more round of the timer: the CISO's time-out must lead nowhere.
        timeouts.timeOutDueHops();
        List<Hop> rows = hops.ofIncident(incident);
        assertEquals(4, rows.size());
        assertTrue(rows.stream().allMatch(hop -> hop.status() == HopStatus.TIMED_OUT));
        // The sentinel: whatever the timer wrote for the case arrived before the close's ChainStopped.
        CaseSentinel.Before before = CaseSentinel.closeAndAwaitChainStopped(incident);
        assertTrue(before.chainStopped().path("cancelledHops").isEmpty(), "no hop was left open");
        assertEquals(4, before.of("HopTimedOut").size());
        assertEquals(4, before.of("HopOpened").size());
        assertEquals(2, before.of("HopEscalated").size());
        // Each hop's notice, each late person's HOP_OVERDUE, and the vice-CISO's copies of the CISO's two.
        assertEquals(
                List.of(
                        "ESCALATION/ciso",
                        "ESCALATION/head1",
                        "ESCALATION/seclead",
                        "ESCALATION/viceciso",
                        "HOP_OVERDUE/chief1",
                        "HOP_OVERDUE/ciso",
                        "HOP_OVERDUE/head1",
                        "HOP_OVERDUE/seclead",
                        "HOP_OVERDUE/viceciso",
                        "NEW_REPORT/chief1"),
                before.of("NotificationRequested").stream()
                        .map(n -> n.path("data").path("kind").asText() + "/"
                                + n.path("data")
                                        .path("recipient")
                                        .path("username")
                                        .asText())
                        .sorted()
                        .toList());
    }

    @Test
    void dueHopIsTimedOutOnceByConcurrentClaimers() throws Exception {
        scheduler.pause(TimerJobs.HOPS);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            UUID incident = UUID.randomUUID();
            IncidentEvents.send(IncidentEvents.staffReport(incident));
            JsonNode opened = published.await(incident, "HopOpened", 1).get(0).path("data");
            UUID hopId = UUID.fromString(opened.path("hopId").asText());
            Instant deadline = Instant.parse(opened.path("ackDeadline").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(deadline.plusMillis(200)));

            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<List<UUID>>> claims = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                claims.add(threads.submit(() -> {
                    start.await();
                    return timeouts.timeOutDueHops().fired();
                }));
            }
            long claimedOurHop = 0;
            for (Future<List<UUID>> claim : claims) {
                claimedOurHop += claim.get().stream().filter(hopId::equals).count();
            }
            assertEquals(1, claimedOurHop);

            // Both claims have returned: whatever either wrote reaches Kafka before the sentinel.
            assertEquals(3, hops.ofIncident(incident).size());
            CaseSentinel.Before before = CaseSentinel.closeAndAwaitChainStopped(incident);
            assertEquals(1, before.of("HopTimedOut").size());
            assertEquals(1, before.of("HopEscalated").size());
        } finally {
            threads.shutdownNow();
            scheduler.resume(TimerJobs.HOPS);
        }
    }
}
