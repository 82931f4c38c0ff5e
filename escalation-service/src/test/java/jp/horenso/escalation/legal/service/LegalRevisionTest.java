package jp.horenso.escalation.legal.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.legal.LegalClock;
import jp.horenso.escalation.legal.LegalReport;
import jp.horenso.escalation.legal.LegalTimer;
import jp.horenso.escalation.legal.LegalTimerKind;
import jp.horenso.escalation.legal.LegalTimerStatus;
import jp.horenso.escalation.legal.repository.LegalClockRepository;
import jp.horenso.escalation.legal.repository.LegalTimerRepository;
import jp.horenso.escalation.support.CaseSentinel;
import jp.horenso.escalation.support.Db;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.escalation.support.ReportedCase;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/** Legal duties follow the facts (issue 8, item 7): revised deadlines move the clock; 本人通知 has its own. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class LegalRevisionTest {

    private static final String APPI = "PPC_APPI";

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    LegalClockRepository clocks;

    @Inject
    LegalTimerRepository timers;

    @Inject
    LegalTimerService legalTimers;

    @Inject
    Db db;

    @Test
    void r1_revisedDutyMovesThePendingFinalReportTimersFrom30To60Days() {
        Instant discovered = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReportedCase c = ReportedCase.generalAffairs();
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                c.id(),
                c.number(),
                APPI,
                discovered,
                discovered.plus(2, ChronoUnit.DAYS),
                discovered.plus(3, ChronoUnit.DAYS),
                discovered.plus(30, ChronoUnit.DAYS),
                false));
        Instant sixty = discovered.plus(60, ChronoUnit.DAYS);
        IncidentEvents.send(IncidentEvents.legalDutyRevised(
                c.id(),
                c.number(),
                APPI,
                discovered,
                discovered.plus(2, ChronoUnit.DAYS),
                discovered.plus(3, ChronoUnit.DAYS),
                sixty,
                null));

        db.awaitTrue(() -> timer(c.id(), LegalReport.FINAL, LegalTimerKind.DEADLINE)
                .dueAt()
                .equals(sixty));
        LegalTimer deadline = db.read(() -> timer(c.id(), LegalReport.FINAL, LegalTimerKind.DEADLINE));
        assertEquals(LegalTimerStatus.PENDING, deadline.status());
        // The reminder keeps its lead (P7D) before the new deadline.
        assertEquals(
                sixty.minus(7, ChronoUnit.DAYS),
                db.read(() -> timer(c.id(), LegalReport.FINAL, LegalTimerKind.REMINDER))
                        .dueAt());
        assertEquals(sixty, db.read(() -> clock(c.id())).finalDueAt());
    }

    @Test
    void r1_reminderAlreadySentIsSentAgainOnlyWhenItsNewTimeIsLater() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReportedCase c = ReportedCase.generalAffairs();
        Instant promptDue = now.plus(3, ChronoUnit.DAYS);
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                c.id(), c.number(), APPI, now.minusSeconds(60), now, promptDue, now.plus(30, ChronoUnit.DAYS), false));
        published.await(c.id(), "LegalDeadlineApproaching", 1);

        // Earlier reminder time: the reminder that went out is not repeated.
        IncidentEvents.send(IncidentEvents.legalDutyRevised(
                c.id(),
                c.number(),
                APPI,
                now.minusSeconds(60),
                now.minusSeconds(30),
                promptDue,
                now.plus(30, ChronoUnit.DAYS),
                null));
        // Later reminder time (in 2 s): it goes out again, as a new notice.
        Instant later = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        IncidentEvents.send(IncidentEvents.legalDutyRevised(
                c.id(), c.number(), APPI, now.minusSeconds(60), later, promptDue, now.plus(60, ChronoUnit.DAYS), null));

        List<JsonNode> approaching = published.await(c.id(), "LegalDeadlineApproaching", 2);
        // One more round of the timer, then the sentinel: a third reminder would arrive before it.
        legalTimers.fireDue();
        CaseSentinel.Before before = CaseSentinel.closeAndAwaitChainStopped(c.id());
        assertEquals(2, before.of("LegalDeadlineApproaching").size());
        assertTrue(
                Instant.parse(approaching.get(1).path("data").path("remindedAt").asText())
                        .isAfter(later.minusMillis(1)));
        List<JsonNode> near = before.notices("LEGAL_DEADLINE_NEAR");
        assertEquals(4, near.size(), "csirt1 and seclead, twice");
        assertEquals(
                4,
                near.stream()
                        .map(n -> n.path("notificationId").asText())
                        .distinct()
                        .count());
    }

    @Test
    void personsNoticeHasItsOwnClockRemindingCsirtAndSecurityLeadAndEscalatingToTheCisoAndViceCiso() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReportedCase c = ReportedCase.generalAffairs();
        Instant personsDue = now.plusSeconds(4);
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                c.id(),
                c.number(),
                APPI,
                now.minusSeconds(60),
                now.plus(2, ChronoUnit.DAYS),
                now.plus(3, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS),
                personsDue));

        // The reminder (P1D before, not before the discovery) is due at once.
        JsonNode approaching =
                published.await(c.id(), "LegalDeadlineApproaching", 1).get(0).path("data");
        assertEquals("PERSONS_NOTICE", approaching.path("report").asText());
        assertEquals(personsDue, Instant.parse(approaching.path("dueAt").asText()));
        // The relay sends a case's events one after the other: the reminders follow the event they belong to.
        List<String> reminded = published.awaitNotices(c.id(), "LEGAL_DEADLINE_NEAR", 2).stream()
                .map(n -> n.path("recipient").path("username").asText())
                .sorted()
                .toList();
        assertEquals(List.of("csirt1", "seclead"), reminded);

        JsonNode missed =
                published.await(c.id(), "LegalDeadlineMissed", 1).get(0).path("data");
        assertEquals("PERSONS_NOTICE", missed.path("report").asText());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published.notices(c.id(), "LEGAL_DEADLINE_MISSED").size() >= 4);
        List<JsonNode> told = published.notices(c.id(), "LEGAL_DEADLINE_MISSED");
        assertEquals(
                List.of("ciso", "csirt1", "seclead", "viceciso"),
                told.stream()
                        .map(n -> n.path("recipient").path("username").asText())
                        .sorted()
                        .toList());
        told.forEach(n -> assertEquals(
                "PERSONS_NOTICE", n.path("legalDeadline").path("report").asText()));
        assertEquals(
                "ciso",
                told.stream()
                        .filter(n -> n.has("copyOf"))
                        .findFirst()
                        .orElseThrow()
                        .path("copyOf")
                        .asText());
    }

    @Test
    void personsNoticeWithoutADeadlineAnyMoreIsCancelled() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReportedCase c = ReportedCase.generalAffairs();
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                c.id(),
                c.number(),
                APPI,
                now,
                now.plus(2, ChronoUnit.DAYS),
                now.plus(3, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS),
                now.plus(10, ChronoUnit.DAYS)));
        db.awaitTrue(() -> timer(c.id(), LegalReport.PERSONS_NOTICE, LegalTimerKind.DEADLINE) != null);
        IncidentEvents.send(IncidentEvents.legalDutyRevised(
                c.id(),
                c.number(),
                APPI,
                now,
                now.plus(2, ChronoUnit.DAYS),
                now.plus(3, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS),
                null));

        db.awaitTrue(() -> timer(c.id(), LegalReport.PERSONS_NOTICE, LegalTimerKind.DEADLINE)
                        .status()
                == LegalTimerStatus.CANCELLED);
        assertEquals(
                LegalTimerStatus.PENDING,
                db.read(() -> timer(c.id(), LegalReport.FINAL, LegalTimerKind.DEADLINE))
                        .status());
    }

    private LegalClock clock(UUID incident) {
        return clocks.ofIncident(incident).get(0);
    }

    private LegalTimer timer(UUID incident, LegalReport report, LegalTimerKind kind) {
        List<LegalClock> found = clocks.ofIncident(incident);
        if (found.isEmpty()) {
            return null;
        }
        return timers.find(found.get(0).id(), report, kind).orElse(null);
    }
}
