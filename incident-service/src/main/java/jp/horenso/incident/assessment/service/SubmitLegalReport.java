package jp.horenso.incident.assessment.service;

import java.time.OffsetDateTime;

/** That the prompt (速報) or final (確報) report of a legal duty was submitted. */
public record SubmitLegalReport(Report report, OffsetDateTime submittedAt, String reference) {

    /** Which of the two reports. */
    public enum Report {
        PROMPT,
        FINAL
    }
}
