package jp.horenso.escalation.decision.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.decision.messaging.CisoReportSubmitted;
import jp.horenso.escalation.decision.messaging.CisoReviewDecided;
import jp.horenso.escalation.decision.messaging.DisclosureDecision;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.service.EscalationService;
import jp.horenso.escalation.hop.service.UnknownCaseException;
import jp.horenso.escalation.notice.Notice;
import jp.horenso.escalation.notice.Notices;
import jp.horenso.platform.inbox.Inbox;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Every decision about a case reaches a person: the CSIRT's report reaches the CISO (第44条4項), a report the
 * CISO returned reaches the CSIRT with the instructions (第44条5項), an approved or published disclosure reaches
 * the CSIRT (第43条5項). Recipients come from the directory; the vice-CISO gets a copy of what the CISO gets.
 */
@ApplicationScoped
@Transactional
public class DecisionNoticeService {

    private static final Logger LOG = Logger.getLogger(DecisionNoticeService.class);

    private final Inbox inbox;
    private final ChainRunRepository runs;
    private final Notices notices;
    private final DatabaseClock clock;

    public DecisionNoticeService(Inbox inbox, ChainRunRepository runs, Notices notices, DatabaseClock clock) {
        this.inbox = inbox;
        this.runs = runs;
        this.notices = notices;
        this.clock = clock;
    }

    /** CISO_REPORT_SUBMITTED to the CISO, with the report's version. */
    public void reportSubmitted(UUID eventId, CisoReportSubmitted submitted) {
        ChainRun run = first(eventId, submitted.incidentId(), CisoReportSubmitted.NAME);
        if (run != null) {
            tell(
                    run,
                    Position.CISO,
                    Notice.of(run, Notices.CISO_REPORT_SUBMITTED, eventId.toString())
                            .reportVersion(submitted.reportVersion()));
        }
    }

    /** CISO_REPORT_RETURNED to every CSIRT member, with the CISO's instructions; an acceptance tells nobody. */
    public void reviewDecided(UUID eventId, CisoReviewDecided decided) {
        ChainRun run = first(eventId, decided.incidentId(), CisoReviewDecided.NAME);
        if (run != null && CisoReviewDecided.RETURN.equals(decided.decision())) {
            tell(
                    run,
                    Position.CSIRT,
                    Notice.of(run, Notices.CISO_REPORT_RETURNED, eventId.toString())
                            .reportVersion(decided.reportVersion())
                            .note(decided.instructions()));
        }
    }

    /** DISCLOSURE_APPROVED or DISCLOSURE_PUBLISHED to every CSIRT member. */
    public void disclosure(UUID eventId, String eventName, DisclosureDecision decision) {
        ChainRun run = first(eventId, decision.incidentId(), eventName);
        if (run != null) {
            String kind = DisclosureDecision.APPROVED.equals(eventName)
                    ? Notices.DISCLOSURE_APPROVED
                    : Notices.DISCLOSURE_PUBLISHED;
            tell(run, Position.CSIRT, Notice.of(run, kind, eventId.toString()));
        }
    }

    /** The case's run when the event is applied for the first time; null for a redelivery. */
    private ChainRun first(UUID eventId, UUID incidentId, String eventName) {
        if (!inbox.firstDelivery(eventId, EscalationService.CONSUMER)) {
            return null;
        }
        return runs.lockRun(incidentId).orElseThrow(() -> new UnknownCaseException(incidentId, eventName));
    }

    private void tell(ChainRun run, Position position, Notice template) {
        Instant now = clock.transactionTime();
        List<Person> people = notices.people(run, List.of(position));
        for (Person person : people) {
            notices.send(run, template.to(person), now);
        }
        LOG.infof(
                "case %s: %s to %s",
                run.incidentNumber(),
                template.kind(),
                people.stream().map(Person::username).toList());
    }
}
