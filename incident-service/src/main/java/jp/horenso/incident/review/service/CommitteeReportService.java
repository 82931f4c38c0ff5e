package jp.horenso.incident.review.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.review.CisoReport;
import jp.horenso.incident.review.CommitteeReport;
import jp.horenso.incident.review.event.CommitteeReportRecorded;
import jp.horenso.incident.review.repository.CisoReportRepository;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.Organisation;

/** Records that the CISO reported a case to the information-security committee (第44条6項). */
@ApplicationScoped
@Transactional
public class CommitteeReportService {

    private final CisoReportRepository reports;
    private final TimelineService timeline;
    private final Outbox outbox;
    private final JapanTime clock;
    private final ReviewCases cases;

    public CommitteeReportService(
            CisoReportRepository reports, TimelineService timeline, Outbox outbox, ReviewCases cases, JapanTime clock) {
        this.clock = clock;
        this.reports = reports;
        this.timeline = timeline;
        this.outbox = outbox;
        this.cases = cases;
    }

    /**
     * The CISO records reporting the case to the committee (第44条6項). Reporting to the committee is the CISO's
     * judgement that the case is severe, so the case is marked so if it was not yet.
     */
    public CommitteeReport recordCommitteeReport(Caller caller, UUID incidentId, RecordCommitteeReport r) {
        Incident c = cases.lockVisible(caller, incidentId);
        ReviewCases.requireOpen(c);
        CisoReport latest = reports.latest(c.id());
        if (latest == null) {
            throw new ProblemException(409, "review.no-report", c.number());
        }
        if (c.committeeReportedAt() != null) {
            throw new ProblemException(
                    409,
                    "review.committee-already-reported",
                    c.number(),
                    c.committeeReportedAt().toString());
        }
        OffsetDateTime now = clock.now();
        CommitteeReport row = CommitteeReport.recorded(
                c.id(), r.reportedAt(), r.reference().strip(), latest.version(), caller.username(), now);
        reports.getEntityManager().persist(row);
        boolean severeBefore = c.severeJudgedByCiso();
        c.reportedToCommittee(r.reportedAt());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reportedAt", r.reportedAt().toString());
        details.put("reference", row.reference());
        details.put("reportVersion", row.reportVersion());
        if (!severeBefore) {
            details.put("severeJudgedByCiso", ReviewCases.beforeAfter(false, true));
        }
        timeline.append(c.id(), TimelineType.COMMITTEE_REPORTED, now, caller.username(), details, null);

        outbox.append(
                CommitteeReportRecorded.NAME,
                Organisation.of(c.organisation()),
                c.id().toString(),
                new CommitteeReportRecorded(
                        c.id(), row.reportedAt(), row.reference(), row.reportVersion(), row.recordedBy(), c.drill()));
        return row;
    }
}
