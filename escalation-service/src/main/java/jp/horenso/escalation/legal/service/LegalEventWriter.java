package jp.horenso.escalation.legal.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.legal.LegalClock;
import jp.horenso.escalation.legal.LegalTimer;
import jp.horenso.escalation.legal.event.LegalDeadlineApproaching;
import jp.horenso.escalation.legal.event.LegalDeadlineMissed;
import jp.horenso.escalation.legal.event.PersonTold;
import jp.horenso.escalation.notice.Notice;
import jp.horenso.escalation.notice.Notices;
import jp.horenso.escalation.notice.event.NotificationRequested.LegalDeadline;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.security.Organisation;

/** Writes the legal clocks' events to the outbox, in the caller's transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LegalEventWriter {

    /** {@code NotificationRequested.kind} of a reminder before a legal deadline. */
    public static final String LEGAL_DEADLINE_NEAR = "LEGAL_DEADLINE_NEAR";
    /** {@code NotificationRequested.kind} of a missed legal deadline. */
    public static final String LEGAL_DEADLINE_MISSED = "LEGAL_DEADLINE_MISSED";

    private final Outbox outbox;
    private final Notices notices;

    public LegalEventWriter(Outbox outbox, Notices notices) {
        this.outbox = outbox;
        this.notices = notices;
    }

    /** LegalDeadlineApproaching and a LEGAL_DEADLINE_NEAR notification per person reminded. */
    public void approaching(ChainRun run, LegalClock clock, LegalTimer timer, List<Person> reminded, Instant now) {
        append(
                LegalDeadlineApproaching.NAME,
                clock,
                now,
                new LegalDeadlineApproaching(
                        clock.incidentId(),
                        clock.incidentNumber(),
                        clock.code(),
                        timer.report(),
                        clock.reportTo(),
                        clock.dueAt(timer.report()),
                        now,
                        people(reminded),
                        run.drill()));
        notify(run, clock, timer, reminded, LEGAL_DEADLINE_NEAR, now);
    }

    /** LegalDeadlineMissed and a LEGAL_DEADLINE_MISSED notification per person told. */
    public void missed(ChainRun run, LegalClock clock, LegalTimer timer, List<Person> told, Instant now) {
        append(
                LegalDeadlineMissed.NAME,
                clock,
                now,
                new LegalDeadlineMissed(
                        clock.incidentId(),
                        clock.incidentNumber(),
                        clock.code(),
                        timer.report(),
                        clock.reportTo(),
                        clock.dueAt(timer.report()),
                        now,
                        people(told),
                        run.drill()));
        notify(run, clock, timer, told, LEGAL_DEADLINE_MISSED, now);
    }

    private void notify(
            ChainRun run, LegalClock clock, LegalTimer timer, List<Person> recipients, String kind, Instant now) {
        LegalDeadline deadline =
                new LegalDeadline(clock.code(), timer.report().name(), clock.dueAt(timer.report()), clock.reportTo());
        for (Person person : recipients) {
            // A legal notice has no hop and no acknowledgement deadline: it is about the report's deadline. A
            // timer that fires again for a later time (a revised duty) is a new notice.
            notices.send(
                    run,
                    Notice.of(run, kind, "legal:" + timer.id() + ":" + timer.dueAt())
                            .to(person)
                            .legalDeadline(deadline),
                    now);
        }
    }

    private static List<PersonTold> people(List<Person> people) {
        return people.stream()
                .map(p -> new PersonTold(p.username(), p.email(), p.displayName()))
                .toList();
    }

    private void append(String eventName, LegalClock clock, Instant now, Object data) {
        outbox.append(
                eventName,
                Organisation.of(clock.organisation()),
                clock.incidentId().toString(),
                now,
                data);
    }
}
