package jp.horenso.incident.assessment.rest;

import java.time.OffsetDateTime;
import java.util.List;
import jp.horenso.incident.assessment.legal.LegalDuty;
import jp.horenso.incident.assessment.legal.LegalDutyRules;

/** A legal duty of a case with its clock, as the API shows it. */
public record LegalDutyView(
        String code,
        LegalDutyRules.Text name,
        String source,
        List<LegalDutyRules.Text> reasons,
        String status,
        OffsetDateTime identifiedAt,
        OffsetDateTime promptDueAt,
        OffsetDateTime finalDueAt,
        OffsetDateTime personsNoticeDueAt,
        Submission prompt,
        Submission finalReport,
        boolean promptOverdue,
        boolean finalOverdue) {

    /** A submitted report: when and under which reference. */
    public record Submission(OffsetDateTime submittedAt, String reference) {}

    public static LegalDutyView of(LegalDuty d, LegalDutyRules.Text name, OffsetDateTime now) {
        String status = d.withdrawnAt() != null
                ? "WITHDRAWN"
                : d.finalSubmittedAt() != null
                        ? "FINAL_SUBMITTED"
                        : d.promptSubmittedAt() != null ? "PROMPT_SUBMITTED" : "OPEN";
        boolean running = d.withdrawnAt() == null;
        return new LegalDutyView(
                d.key().code(),
                name,
                d.source(),
                d.reasons(),
                status,
                d.identifiedAt(),
                d.promptDueAt(),
                d.finalDueAt(),
                d.personsNoticeDueAt(),
                d.promptSubmittedAt() == null ? null : new Submission(d.promptSubmittedAt(), d.promptReference()),
                d.finalSubmittedAt() == null ? null : new Submission(d.finalSubmittedAt(), d.finalReference()),
                running && d.promptSubmittedAt() == null && now.isAfter(d.promptDueAt()),
                running && d.finalSubmittedAt() == null && now.isAfter(d.finalDueAt()));
    }
}
