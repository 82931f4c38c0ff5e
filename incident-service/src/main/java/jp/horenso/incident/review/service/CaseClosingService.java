package jp.horenso.incident.review.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.service.CaseGuards;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.review.CisoReport;
import jp.horenso.incident.review.CommitteeReport;
import jp.horenso.incident.review.event.IncidentClosed;
import jp.horenso.incident.review.repository.CisoReportRepository;
import jp.horenso.incident.review.rest.ReviewStatusView;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.Organisation;

/**
 * Closes a case once the CISO accepted its recurrence prevention and, for a case judged severe, the committee report
 * is recorded (第44条5–6項); tells what is still missing.
 */
@ApplicationScoped
@Transactional
public class CaseClosingService {

    private final IncidentService incidents;
    private final CisoReportRepository reports;
    private final TimelineService timeline;
    private final Outbox outbox;
    private final ReviewCases cases;
    private final JapanTime clock;

    public CaseClosingService(
            IncidentService incidents,
            CisoReportRepository reports,
            TimelineService timeline,
            Outbox outbox,
            ReviewCases cases,
            JapanTime clock) {
        this.clock = clock;
        this.incidents = incidents;
        this.reports = reports;
        this.timeline = timeline;
        this.outbox = outbox;
        this.cases = cases;
    }

    /**
     * Closes the case: only once the CISO accepted its recurrence prevention and, for a case the CISO judged
     * severe, the committee report is recorded (第44条5–6項).
     */
    public Incident close(Caller caller, UUID incidentId) {
        Incident c = cases.lockVisible(caller, incidentId);
        CaseGuards.requireNotWithdrawn(c);
        if (c.state() == IncidentState.CLOSED) {
            throw new ProblemException(
                    409, "closing.already-closed", c.number(), c.closedAt().toString());
        }
        List<String> missing = missing(c);
        if (!missing.isEmpty()) {
            throw new ProblemException(
                    409,
                    "closing.missing." + String.join(".", missing),
                    c.number(),
                    c.state().name());
        }
        OffsetDateTime now = clock.now();
        IncidentState before = c.state();
        c.close(now);
        CisoReport accepted = reports.latestAccepted(c.id());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", ReviewCases.beforeAfter(before.name(), c.state().name()));
        details.put("acceptedReportVersion", accepted.version());
        details.put("severeJudgedByCiso", c.severeJudgedByCiso());
        details.put(
                "committeeReportedAt",
                c.committeeReportedAt() == null ? null : c.committeeReportedAt().toString());
        timeline.append(c.id(), TimelineType.CLOSED, now, caller.username(), details, null);

        outbox.append(
                IncidentClosed.NAME,
                Organisation.of(c.organisation()),
                c.id().toString(),
                new IncidentClosed(
                        c.id(),
                        c.number(),
                        now,
                        caller.username(),
                        accepted.version(),
                        c.severeJudgedByCiso(),
                        c.committeeReportedAt(),
                        c.drill()));
        return c;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReviewStatusView status(Caller caller, UUID incidentId) {
        return status(incidents.visible(caller, incidentId));
    }

    /** The review state of a case the caller has already been allowed to see. */
    private ReviewStatusView status(Incident c) {
        CisoReport latest = reports.latest(c.id());
        CisoReport accepted = reports.latestAccepted(c.id());
        CommitteeReport committee = reports.getEntityManager().find(CommitteeReport.class, c.id());
        List<String> missing = c.state() == IncidentState.CLOSED ? List.of() : missing(c);
        List<ReviewStatusView.Missing> gaps =
                missing.stream().map(CaseClosingService::describe).toList();
        return new ReviewStatusView(
                c.number(),
                c.state(),
                latest == null ? null : latest.version(),
                accepted == null ? null : accepted.version(),
                c.severeJudgedByCiso(),
                committee == null
                        ? null
                        : new ReviewStatusView.CommitteeReportView(
                                committee.reportedAt(),
                                committee.reference(),
                                committee.reportVersion(),
                                committee.recordedBy()),
                c.closedAt(),
                c.state() != IncidentState.CLOSED && missing.isEmpty(),
                gaps);
    }

    private static List<String> missing(Incident c) {
        List<String> missing = new ArrayList<>();
        if (c.state() != IncidentState.ACCEPTED_BY_CISO) {
            missing.add("acceptance");
        }
        if (c.severeJudgedByCiso() && c.committeeReportedAt() == null) {
            missing.add("committee-report");
        }
        return missing;
    }

    private static ReviewStatusView.Missing describe(String code) {
        return switch (code) {
            case "acceptance" ->
                new ReviewStatusView.Missing(
                        code,
                        "CISO による再発防止策の承認（第44条5項）",
                        "The CISO's acceptance of the recurrence prevention (Art. 44(5))");
            default ->
                new ReviewStatusView.Missing(
                        code, "委員会への報告の記録（第44条6項）", "The record of the report to the committee (Art. 44(6))");
        };
    }
}
