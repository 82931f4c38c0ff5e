package jp.horenso.incident.assessment.rest;

import java.time.OffsetDateTime;
import java.util.List;

/** A draft of the report to the Personal Information Protection Commission, with its nine items (regulatory.md R1). */
public record CommissionReportDraft(
        String incidentNumber, String duty, String recipient, OffsetDateTime generatedAt, List<Item> items) {

    /** One of the nine items: its number, its label in both languages, and the draft text. */
    public record Item(int no, String key, String ja, String en, String value) {}
}
