package jp.horenso.escalation.legal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.horenso.escalation.legal.LegalClock;
import jp.horenso.escalation.legal.LegalClockStatus;
import jp.horenso.escalation.legal.LegalTimer;
import jp.horenso.escalation.legal.LegalTimerStatus;
import jp.horenso.escalation.legal.repository.LegalClockRepository;
import jp.horenso.escalation.legal.repository.LegalTimerRepository;
import jp.horenso.escalation.support.CaseSentinel;
import jp.horenso.escalation.support.Db;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.Events;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.escalation.support.ReportedCase;
import jp.horenso.escalation.timer.TimerJobs;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/** Legal clocks of regulatory.md R1 (個人情報保護法) and R2 (番号法), in demo-city. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class LegalClockTest {

    private static final String APPI = "PPC_APPI";
    private static final String MY_NUMBER = "PPC_MY_NUMBER";

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    LegalClockRepository clocks;

    @Inject
    LegalTimerRepository timers;

    @Inject
    LegalTimerService legalTimers;

    @Inject
    Scheduler scheduler;

    @Inject
    Db db;

    @Test
    void r1_promptReportReminderGoesToCsirtAndSecurityLeadBeforeTheDeadline() {
        Instant now = Instant.now();
        ReportedCase c = ReportedCase.welfare(false);
        Instant promptDue = now.plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                c.id(),
                c.number(),
                APPI,
                now.minus(1, ChronoUnit.DAYS),
                now,
                promptDue,
                now.plus(29, ChronoUnit.DAYS),
                false));

        JsonNode approaching =
                published.await(c.id(), "LegalDeadlineApproaching", 1).get(0).path("data");
        assertEquals("PROMPT", approaching.path("report").asText());
        assertEquals(APPI, approaching.path("code").asText());
        assertEquals("個人情報保護委員会", approaching.path("reportTo").asText());
        assertEquals(promptDue, Instant.parse(approaching.path("dueAt").asText()));
        assertEquals(List.of("csirt1", "seclead"), usernames(approaching.path("reminded")));

        List<JsonNode> near = published.awaitNotices(c.id(), "LEGAL_DEADLINE_NEAR", 2);
        assertEquals(
                List.of("csirt1", "seclead"),
                near.stream()
                        .map(n -> n.path("recipient").path("username").asText())
                        .sorted()
                        .toList());
        for (JsonNode data : near) {
            assertFalse(data.has("hopId"), "a legal notice has no hop");
            assertFalse(data.has("ackDeadline"), "a legal notice has no acknowledgement deadline");
            assertEquals("PROMPT", data.path("legalDeadline").path("report").asText());
            assertEquals(
                    promptDue,
                    Instant.parse(data.path("legalDeadline").path("dueAt").asText()));
            assertEquals(c.number(), data.path("incidentNumber").asText());
            assertFalse(data.path("drill").asBoolean());
        }
        assertTrue(published.of(c.id(), "LegalDeadlineMissed").isEmpty(), "the deadline is two days away");
    }

    @Test
    void article43_3_legalReportDueReachesTheCisoAtOnce() {
        Instant now = Instant.now();
        ReportedCase c = ReportedCase.welfare(false);
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                c.id(),
                c.number(),
                APPI,
                now,
                now.plus(1, ChronoUnit.DAYS),
                now.plus(3, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS),
                false));

        JsonNode ciso = published.await(c.id(), "HopOpened", 2).stream()
                .filter(e -> e.path("data").path("step").asText().equals("CISO"))
                .findFirst()
                .orElseThrow()
                .path("data");
        assertEquals("ciso", ciso.path("recipient").path("username").asText());
        assertEquals("LEGAL_REPORT_DUE", ciso.path("trigger").asText());
        assertTrue(published.awaitNotices(c.id(), "ESCALATION", 1).stream()
                .anyMatch(
                        n -> n.path("hopId").asText().equals(ciso.path("hopId").asText())));
    }

    @Test
    void r1_overdueFinalReportEscalatesToCiso() {
        scheduler.pause(TimerJobs.LEGAL);
        ReportedCase c;
        try {
            Instant now = Instant.now();
            c = ReportedCase.welfare(false);
            // Discovered 31 days ago; the prompt report was submitted, the final one was due an hour ago.
            IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                    c.id(),
                    c.number(),
                    APPI,
                    now.minus(31, ChronoUnit.DAYS),
                    now.minus(30, ChronoUnit.DAYS),
                    now.minus(28, ChronoUnit.DAYS),
                    now.minus(1, ChronoUnit.HOURS),
                    false));
            IncidentEvents.send(IncidentEvents.legalReportSubmitted(c.id(), APPI, "PROMPT"));
            db.awaitTrue(() -> clock(c.id(), APPI).promptSubmittedAt() != null);
        } finally {
            scheduler.resume(TimerJobs.LEGAL);
        }

        JsonNode missed =
                published.await(c.id(), "LegalDeadlineMissed", 1).get(0).path("data");
        assertEquals("FINAL", missed.path("report").asText());
        assertEquals(List.of("ciso", "csirt1", "seclead"), usernames(missed.path("escalatedTo")));
        // The vice-CISO receives a copy of the CISO's notice (第9条).
        List<JsonNode> told = published.awaitNotices(c.id(), "LEGAL_DEADLINE_MISSED", 4);
        assertEquals(
                List.of("ciso", "csirt1", "seclead", "viceciso"),
                told.stream()
                        .map(n -> n.path("recipient").path("username").asText())
                        .sorted()
                        .toList());
        assertTrue(told.stream()
                .allMatch(n -> n.path("legalDeadline").path("report").asText().equals("FINAL")));

        Map<String, LegalTimerStatus> states = timerStates(c.id(), APPI);
        assertEquals(
                Map.of(
                        "PROMPT/REMINDER",
                        LegalTimerStatus.CANCELLED,
                        "PROMPT/DEADLINE",
                        LegalTimerStatus.CANCELLED,
                        "FINAL/REMINDER",
                        LegalTimerStatus.CANCELLED,
                        "FINAL/DEADLINE",
                        LegalTimerStatus.FIRED),
                states);
        // One more round of the timer, then the sentinel: whatever the round wrote arrived before it.
        legalTimers.fireDue();
        CaseSentinel.Before before = CaseSentinel.closeAndAwaitChainStopped(c.id());
        assertEquals(1, before.of("LegalDeadlineMissed").size(), "the submitted prompt report is not missed");
        assertTrue(before.of("LegalDeadlineApproaching").isEmpty(), "no reminder for a deadline already passed");
        assertEquals(4, before.notices("LEGAL_DEADLINE_MISSED").size(), "each person is told once");
    }

    @Test
    void r1_submittedFinalReportStopsTheClock() {
        assertStopsTheClock(
                APPI, c -> IncidentEvents.legalReportSubmitted(c, APPI, "FINAL"), LegalClockStatus.SUBMITTED);
    }

    @Test
    void r2_withdrawnDutyStopsTheClock() {
        assertStopsTheClock(
                MY_NUMBER, c -> IncidentEvents.legalDutyWithdrawn(c, MY_NUMBER), LegalClockStatus.WITHDRAWN);
    }

    @Test
    void r1_finalReportReminderComesTheConfiguredCalendarDaysBeforeTheDeadline() {
        Instant now = Instant.now();
        ReportedCase c = ReportedCase.welfare(false);
        // Across Golden Week 2027: calendar days, not office days (P7D in application.properties).
        Instant finalDue = OffsetDateTime.parse("2027-05-07T09:00:00+09:00").toInstant();
        Instant promptReminder = now.plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        Instant promptDue = now.plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                c.id(), c.number(), APPI, now, promptReminder, promptDue, finalDue, false));

        db.awaitTrue(() -> clocks.ofIncident(c.id()).size() == 1);
        Map<String, Instant> due = timersOf(c.id(), APPI).stream()
                .collect(Collectors.toMap(t -> t.report() + "/" + t.kind(), LegalTimer::dueAt));
        assertEquals(
                Map.of(
                        "PROMPT/REMINDER",
                        promptReminder,
                        "PROMPT/DEADLINE",
                        promptDue,
                        "FINAL/REMINDER",
                        OffsetDateTime.parse("2027-04-30T09:00:00+09:00").toInstant(),
                        "FINAL/DEADLINE",
                        finalDue),
                due);
    }

    @Test
    void duplicateLegalDutyIdentifiedRunsOneClockAndTellsTheCisoOnce() {
        Instant now = Instant.now();
        ReportedCase c = ReportedCase.welfare(false);
        ObjectNode identified = IncidentEvents.legalDutyIdentified(
                c.id(),
                c.number(),
                APPI,
                now,
                now.plus(1, ChronoUnit.DAYS),
                now.plus(3, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS),
                false);
        IncidentEvents.send(identified);
        IncidentEvents.send(identified);
        // Same key, same partition: once this is applied, both copies of the duty were handled before it.
        IncidentEvents.send(IncidentEvents.legalReportSubmitted(c.id(), APPI, "PROMPT"));

        db.awaitTrue(() ->
                !clocks.ofIncident(c.id()).isEmpty() && clock(c.id(), APPI).promptSubmittedAt() != null);
        assertEquals(1, db.read(() -> clocks.ofIncident(c.id())).size());
        assertEquals(4, timersOf(c.id(), APPI).size());
        CaseSentinel.Before before = CaseSentinel.closeAndAwaitChainStopped(c.id());
        assertEquals(
                1,
                before.of("HopOpened").stream()
                        .filter(e -> e.path("data").path("step").asText().equals("CISO"))
                        .count());
    }

    private void assertStopsTheClock(String code, Function<UUID, ObjectNode> stop, LegalClockStatus stopped) {
        scheduler.pause(TimerJobs.LEGAL);
        try {
            Instant now = Instant.now();
            ReportedCase c = ReportedCase.welfare(false);
            // Every timer of the duty is due already: only the stop keeps them from firing.
            IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                    c.id(),
                    c.number(),
                    code,
                    now.minus(40, ChronoUnit.DAYS),
                    now.minus(39, ChronoUnit.DAYS),
                    now.minus(37, ChronoUnit.DAYS),
                    now.minus(1, ChronoUnit.MINUTES),
                    false));
            IncidentEvents.send(stop.apply(c.id()));
            db.awaitTrue(() ->
                    !clocks.ofIncident(c.id()).isEmpty() && clock(c.id(), code).status() == stopped);

            List<UUID> fired = legalTimers.fireDue().fired();
            List<UUID> ours =
                    timersOf(c.id(), code).stream().map(LegalTimer::id).toList();
            assertTrue(fired.stream().noneMatch(ours::contains), "no timer of a stopped clock fires");
            assertTrue(timerStates(c.id(), code).values().stream().allMatch(s -> s == LegalTimerStatus.CANCELLED));
            CaseSentinel.Before before = CaseSentinel.closeAndAwaitChainStopped(c.id());
            assertTrue(before.of("LegalDeadlineMissed").isEmpty());
            assertTrue(before.of("LegalDeadlineApproaching").isEmpty());
            assertEquals(0, before.chainStopped().path("cancelledTimers").asInt(), "none was left pending");
        } finally {
            scheduler.resume(TimerJobs.LEGAL);
        }
    }

    private LegalClock clock(UUID incidentId, String code) {
        return db.read(() -> clocks.ofIncident(incidentId).stream()
                .filter(c -> c.code().equals(code))
                .findFirst()
                .orElseThrow());
    }

    private List<LegalTimer> timersOf(UUID incidentId, String code) {
        UUID clockId = clock(incidentId, code).id();
        return db.read(() -> timers.ofClock(clockId));
    }

    private Map<String, LegalTimerStatus> timerStates(UUID incidentId, String code) {
        return timersOf(incidentId, code).stream()
                .collect(Collectors.toMap(t -> t.report() + "/" + t.kind(), LegalTimer::status));
    }

    private static List<String> usernames(JsonNode people) {
        return Events.sorted(people, "username");
    }
}
