package jp.horenso.escalation.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import jp.horenso.escalation.hop.HopStatus;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.hop.service.HopTimeoutService;
import jp.horenso.escalation.legal.LegalTimer;
import jp.horenso.escalation.legal.LegalTimerKind;
import jp.horenso.escalation.legal.LegalTimerStatus;
import jp.horenso.escalation.legal.repository.LegalClockRepository;
import jp.horenso.escalation.legal.repository.LegalTimerRepository;
import jp.horenso.escalation.legal.service.LegalTimerService;
import jp.horenso.escalation.support.CaseSentinel;
import jp.horenso.escalation.support.Db;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.escalation.timer.TimerJobs;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/**
 * The timers live in PostgreSQL and are claimed with FOR UPDATE SKIP LOCKED by the database's clock: each fires
 * once with several claimers, none is lost while no instance runs, and one claimed by an instance that dies
 * before committing fires on another.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class TimerReliabilityTest {

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    Scheduler scheduler;

    @Inject
    LegalTimerService legalTimers;

    @Inject
    LegalClockRepository clocks;

    @Inject
    LegalTimerRepository timers;

    @Inject
    HopRepository hops;

    @Inject
    HopTimeoutService hopTimeouts;

    @Inject
    DataSource dataSource;

    @Inject
    Db db;

    @Test
    void legalTimerFiresOnceWithTwoInstancesClaimingAtTheSameTime() throws Exception {
        scheduler.pause(TimerJobs.LEGAL);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            UUID incident = caseWithDueReminder();
            UUID reminder = dueReminderOf(incident);

            // Two instances, each in its own thread and transaction, claim at the same moment.
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<List<UUID>>> claims = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                claims.add(instances.submit(() -> {
                    together.await();
                    return legalTimers.fireDue().fired();
                }));
            }
            long fired = 0;
            for (Future<List<UUID>> claim : claims) {
                fired += claim.get().stream().filter(reminder::equals).count();
            }
            assertEquals(1, fired);
            // Both claims have returned: whatever either wrote reaches Kafka before the sentinel.
            assertEquals(
                    1,
                    CaseSentinel.closeAndAwaitChainStopped(incident)
                            .of("LegalDeadlineApproaching")
                            .size());
        } finally {
            instances.shutdownNow();
            scheduler.resume(TimerJobs.LEGAL);
        }
    }

    @Test
    void pendingTimersAreKeptWhileNoInstanceRunsAndFireOnceAfterTheRestart() {
        // "Every instance down" is simulated by pausing both timer jobs of this (only) instance: nothing claims,
        // and the timers' state is only in PostgreSQL. The JVM itself is not restarted.
        scheduler.pause(TimerJobs.HOPS);
        scheduler.pause(TimerJobs.LEGAL);
        UUID incident;
        try {
            incident = caseWithDueReminder();
            JsonNode hop = published.of(incident, "HopOpened").get(0).path("data");
            Instant hopDeadline = Instant.parse(hop.path("ackDeadline").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(hopDeadline.plusSeconds(1)));

            assertTrue(published.of(incident, "HopTimedOut").isEmpty());
            assertTrue(published.of(incident, "LegalDeadlineApproaching").isEmpty());
            assertEquals(
                    HopStatus.OPEN,
                    db.read(() -> hops.findById(
                                    UUID.fromString(hop.path("hopId").asText())))
                            .status());
            assertEquals(
                    LegalTimerStatus.PENDING,
                    db.read(() -> timers.findById(dueReminderOf(incident))).status());
        } finally {
            scheduler.resume(TimerJobs.HOPS);
            scheduler.resume(TimerJobs.LEGAL);
        }

        published.await(incident, "HopTimedOut", 1);
        published.await(incident, "LegalDeadlineApproaching", 1);
        // One more round of each timer, then the sentinel: a second firing would arrive before it.
        legalTimers.fireDue();
        hopTimeouts.timeOutDueHops();
        CaseSentinel.Before before = CaseSentinel.closeAndAwaitChainStopped(incident);
        assertEquals(1, before.of("LegalDeadlineApproaching").size());
        assertEquals(
                1,
                before.of("HopTimedOut").stream()
                        .filter(e -> e.path("data").path("step").asText().equals("SECTION_CHIEF"))
                        .count());
    }

    @Test
    void timerClaimedByAnInstanceThatDiesBeforeCommittingFiresOnAnother() throws Exception {
        scheduler.pause(TimerJobs.LEGAL);
        try {
            UUID incident = caseWithDueReminder();
            UUID reminder = dueReminderOf(incident);

            try (Connection dying = dataSource.getConnection()) {
                dying.setAutoCommit(false);
                // Instance A claims the timer exactly as LegalTimerRepository.claimDue does ...
                try (PreparedStatement claim = dying.prepareStatement("""
                        select id from legal_timer where id = ? and status = 'PENDING' and due_at <= now()
                        for update skip locked""")) {
                    claim.setObject(1, reminder);
                    try (ResultSet claimed = claim.executeQuery()) {
                        assertTrue(claimed.next(), "instance A holds the timer");
                    }
                }
                // ... instance B skips what A holds ...
                assertFalse(legalTimers.fireDue().fired().contains(reminder));
                // ... and A dies before committing: its transaction is rolled back, its lock released.
                dying.rollback();
            }
            assertTrue(legalTimers.fireDue().fired().contains(reminder), "instance B fires it on its next claim");
            assertEquals(
                    1,
                    CaseSentinel.closeAndAwaitChainStopped(incident)
                            .of("LegalDeadlineApproaching")
                            .size());
        } finally {
            scheduler.resume(TimerJobs.LEGAL);
        }
    }

    /** A demo-city case with a legal duty whose prompt report's reminder is due now. */
    private UUID caseWithDueReminder() {
        Instant now = Instant.now();
        UUID incident = UUID.randomUUID();
        var report = IncidentEvents.staffReport(incident);
        IncidentEvents.send(report);
        published.await(incident, "HopOpened", 1);
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                incident,
                report.path("data").path("number").asText(),
                "PPC_APPI",
                now,
                now,
                now.plus(3, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS),
                false));
        db.awaitTrue(() -> !clocks.ofIncident(incident).isEmpty());
        return incident;
    }

    private UUID dueReminderOf(UUID incident) {
        return db.read(() -> timers.ofClock(clocks.ofIncident(incident).get(0).id()).stream()
                .filter(t ->
                        t.kind() == LegalTimerKind.REMINDER && t.report().name().equals("PROMPT"))
                .map(LegalTimer::id)
                .findFirst()
                .orElseThrow());
    }
}
