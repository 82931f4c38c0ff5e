package jp.horenso.incident.review.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.review.CisoReport;
import jp.horenso.incident.review.event.CisoReviewDecided;
import jp.horenso.incident.review.repository.CisoReportRepository;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.Organisation;

/**
 * The CISO's decision on the latest report (第44条5項): accept or return with instructions, once, and never accept a
 * recurrence-prevention measure they wrote or a report they submitted (第14条).
 */
@ApplicationScoped
@Transactional
public class CisoDecisionService {

    private final CisoReportRepository reports;
    private final TimelineService timeline;
    private final Outbox outbox;
    private final JapanTime clock;
    private final ReviewCases cases;

    public CisoDecisionService(
            CisoReportRepository reports, TimelineService timeline, Outbox outbox, ReviewCases cases, JapanTime clock) {
        this.clock = clock;
        this.reports = reports;
        this.timeline = timeline;
        this.outbox = outbox;
        this.cases = cases;
    }

    /**
     * The CISO accepts the latest report or returns it with instructions (第44条5項), once. Accepting is refused to
     * whoever wrote one of its recurrence-prevention measures or submitted it (第14条(1)).
     */
    public CisoReport decide(Caller caller, UUID incidentId, int version, DecideReview r) {
        Incident c = cases.lockVisible(caller, incidentId);
        ReviewCases.requireOpen(c);
        CisoReport report = cases.report(c, version);
        CisoReport latest = reports.latest(c.id());
        if (latest.version() != report.version()) {
            throw new ProblemException(409, "review.not-latest", report.version(), latest.version());
        }
        if (report.decided()) {
            throw new ProblemException(409, "review.already-decided", report.version(), report.decidedBy());
        }
        String instructions = ReviewCases.blankToNull(r.instructions());
        if (r.decision() == CisoReport.Decision.RETURN && instructions == null) {
            throw ProblemException.invalidFields(
                    List.of(FieldProblem.of("instructions", "field.instructions-required")));
        }
        if (r.decision() == CisoReport.Decision.ACCEPT) {
            JsonNode snapshot = cases.parse(report.snapshot());
            if (CisoReportSnapshot.measureAuthors(snapshot).contains(caller.username())) {
                throw new ProblemException(
                        403, "review.separation-of-duties.measure-author", caller.username(), report.version());
            }
            if (caller.username().equals(report.submittedBy())) {
                throw new ProblemException(
                        403, "review.separation-of-duties.submitter", caller.username(), report.version());
            }
            if (CisoReportSnapshot.measuresInForce(snapshot) == 0) {
                throw new ProblemException(409, "review.no-recurrence-prevention", report.version());
            }
        }

        OffsetDateTime now = clock.now();
        report.decide(r.decision(), instructions, caller.username(), now);
        IncidentState stateBefore = c.state();
        boolean severeBefore = c.severeJudgedByCiso();
        c.reviewDecided(r.decision() == CisoReport.Decision.ACCEPT, r.severe());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reportVersion", report.version());
        details.put("decision", report.decision().name());
        details.put("instructions", instructions);
        details.put(
                "state", ReviewCases.beforeAfter(stateBefore.name(), c.state().name()));
        if (severeBefore != c.severeJudgedByCiso()) {
            details.put("severeJudgedByCiso", ReviewCases.beforeAfter(severeBefore, c.severeJudgedByCiso()));
        }
        timeline.append(c.id(), TimelineType.CISO_REVIEW_DECIDED, now, caller.username(), details, null);

        // The CSIRT is told what to change (第44条5項); null when the report was accepted.
        outbox.append(
                CisoReviewDecided.NAME,
                Organisation.of(c.organisation()),
                c.id().toString(),
                new CisoReviewDecided(
                        c.id(),
                        report.version(),
                        report.decision(),
                        c.state(),
                        c.severeJudgedByCiso(),
                        report.decidedBy(),
                        report.decidedAt(),
                        c.drill(),
                        report.instructions()));
        return report;
    }
}
