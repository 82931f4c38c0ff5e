package jp.horenso.escalation.legal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The clock of one legal report duty of a case (regulatory.md R1, R2): the prompt and final report deadlines,
 * counted by incident-service in calendar days from discovery, and whether the reports were submitted.
 */
@Entity
@Table(name = "legal_clock")
public class LegalClock {

    @Id
    private UUID id;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Column(name = "incident_number", nullable = false)
    private String incidentNumber;

    @Column(nullable = false)
    private String organisation;

    /** The duty's code in the legal rule set, e.g. PPC_APPI. */
    @Column(nullable = false)
    private String code;

    /** The body the report goes to, e.g. 個人情報保護委員会. */
    @Column(name = "report_to", nullable = false)
    private String reportTo;

    @Column(nullable = false)
    private String source;

    @Column(name = "discovered_at", nullable = false)
    private Instant discoveredAt;

    @Column(name = "prompt_due_at", nullable = false)
    private Instant promptDueAt;

    @Column(name = "final_due_at", nullable = false)
    private Instant finalDueAt;

    /** The notice to the persons concerned (本人通知) is due; null when the rule set gives it no deadline. */
    @Column(name = "persons_notice_due_at")
    private Instant personsNoticeDueAt;

    @Column(nullable = false)
    private boolean drill;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LegalClockStatus status;

    @Column(name = "identified_at", nullable = false)
    private Instant identifiedAt;

    @Column(name = "prompt_submitted_at")
    private Instant promptSubmittedAt;

    @Column(name = "final_submitted_at")
    private Instant finalSubmittedAt;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    protected LegalClock() {}

    public LegalClock(
            UUID id, UUID incidentId, String incidentNumber, String organisation, String code, Instant identifiedAt) {
        this.id = id;
        this.incidentId = incidentId;
        this.incidentNumber = incidentNumber;
        this.organisation = organisation;
        this.code = code;
        this.identifiedAt = identifiedAt;
        this.status = LegalClockStatus.RUNNING;
    }

    /** Sets (or, when the duty is identified again, resets) the deadlines; the clock runs. */
    public void identify(
            String reportTo,
            String source,
            Instant discoveredAt,
            Instant promptDueAt,
            Instant finalDueAt,
            Instant personsNoticeDueAt,
            boolean drill) {
        this.personsNoticeDueAt = personsNoticeDueAt;
        this.reportTo = reportTo;
        this.source = source;
        this.discoveredAt = discoveredAt;
        this.promptDueAt = promptDueAt;
        this.finalDueAt = finalDueAt;
        this.drill = drill;
        this.withdrawnAt = null;
        this.status = finalSubmittedAt == null ? LegalClockStatus.RUNNING : LegalClockStatus.SUBMITTED;
    }

    /** New deadlines from changed facts (LegalDutyRevised); the clock's state stays as it is. */
    public void revise(
            String reportTo,
            String source,
            Instant discoveredAt,
            Instant promptDueAt,
            Instant finalDueAt,
            Instant personsNoticeDueAt) {
        this.reportTo = reportTo;
        this.source = source;
        this.discoveredAt = discoveredAt;
        this.promptDueAt = promptDueAt;
        this.finalDueAt = finalDueAt;
        this.personsNoticeDueAt = personsNoticeDueAt;
    }

    /** Records a submitted report; the final one stops the clock. */
    public void recordSubmission(LegalReport report, Instant at) {
        if (report == LegalReport.PROMPT) {
            promptSubmittedAt = at;
        } else {
            finalSubmittedAt = at;
            status = LegalClockStatus.SUBMITTED;
        }
    }

    /** The case's drill marking changed (第48条): the clock's later notices carry the new one. */
    public void markDrill(boolean drill) {
        this.drill = drill;
    }

    /** The duty does not apply after all: the clock stops. */
    public void withdraw(Instant at) {
        withdrawnAt = at;
        status = LegalClockStatus.WITHDRAWN;
    }

    /**
     * Whether {@code report} was submitted. The notice to persons has no event of its own: its clock runs until
     * the duty's clock stops (final report, withdrawal, the case closed or withdrawn).
     */
    public boolean isSubmitted(LegalReport report) {
        return switch (report) {
            case PROMPT -> promptSubmittedAt != null || finalSubmittedAt != null;
            case FINAL, PERSONS_NOTICE -> finalSubmittedAt != null;
        };
    }

    public Instant dueAt(LegalReport report) {
        return switch (report) {
            case PROMPT -> promptDueAt;
            case FINAL -> finalDueAt;
            case PERSONS_NOTICE -> personsNoticeDueAt;
        };
    }

    public Instant personsNoticeDueAt() {
        return personsNoticeDueAt;
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String incidentNumber() {
        return incidentNumber;
    }

    public String organisation() {
        return organisation;
    }

    public String code() {
        return code;
    }

    public String reportTo() {
        return reportTo;
    }

    public String source() {
        return source;
    }

    public Instant discoveredAt() {
        return discoveredAt;
    }

    public Instant promptDueAt() {
        return promptDueAt;
    }

    public Instant finalDueAt() {
        return finalDueAt;
    }

    public boolean drill() {
        return drill;
    }

    public LegalClockStatus status() {
        return status;
    }

    public Instant identifiedAt() {
        return identifiedAt;
    }

    public Instant promptSubmittedAt() {
        return promptSubmittedAt;
    }

    public Instant finalSubmittedAt() {
        return finalSubmittedAt;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }
}
