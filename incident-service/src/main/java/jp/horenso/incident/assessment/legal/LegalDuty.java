package jp.horenso.incident.assessment.legal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A legal reporting duty that applies to a case, with its clock: prompt and final report deadlines. */
@Entity
@Table(name = "legal_duty")
public class LegalDuty {

    /** Case and duty code. */
    @Embeddable
    public record Key(
            @Column(name = "incident_id") UUID incidentId,
            @Column(name = "code") String code) implements Serializable {}

    @EmbeddedId
    private Key key;

    @Column(name = "rule_set_version", nullable = false)
    private String ruleSetVersion;

    @Column(nullable = false)
    private String source;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<LegalDutyRules.Text> reasons;

    @Column(name = "identified_at", nullable = false)
    private OffsetDateTime identifiedAt;

    /** 速報: counted from discovery. */
    @Column(name = "prompt_due_at", nullable = false)
    private OffsetDateTime promptDueAt;

    /** 確報: counted from discovery. */
    @Column(name = "final_due_at", nullable = false)
    private OffsetDateTime finalDueAt;

    /** 本人通知: the notice to the persons concerned, counted from discovery; null when the duty has none. */
    @Column(name = "persons_notice_due_at")
    private OffsetDateTime personsNoticeDueAt;

    @Column(name = "prompt_submitted_at")
    private OffsetDateTime promptSubmittedAt;

    @Column(name = "prompt_reference")
    private String promptReference;

    @Column(name = "final_submitted_at")
    private OffsetDateTime finalSubmittedAt;

    @Column(name = "final_reference")
    private String finalReference;

    /** Set when later facts show the duty does not apply after all; the clock stops. */
    @Column(name = "withdrawn_at")
    private OffsetDateTime withdrawnAt;

    protected LegalDuty() {
        // for JPA
    }

    public boolean open() {
        return withdrawnAt == null && finalSubmittedAt == null;
    }

    public Key key() {
        return key;
    }

    public String ruleSetVersion() {
        return ruleSetVersion;
    }

    public String source() {
        return source;
    }

    public List<LegalDutyRules.Text> reasons() {
        return reasons;
    }

    public OffsetDateTime identifiedAt() {
        return identifiedAt;
    }

    public OffsetDateTime promptDueAt() {
        return promptDueAt;
    }

    public OffsetDateTime finalDueAt() {
        return finalDueAt;
    }

    public OffsetDateTime personsNoticeDueAt() {
        return personsNoticeDueAt;
    }

    public OffsetDateTime promptSubmittedAt() {
        return promptSubmittedAt;
    }

    public String promptReference() {
        return promptReference;
    }

    public OffsetDateTime finalSubmittedAt() {
        return finalSubmittedAt;
    }

    public String finalReference() {
        return finalReference;
    }

    public OffsetDateTime withdrawnAt() {
        return withdrawnAt;
    }

    /** A duty of the case not seen before; {@link #identify} sets what applies. */
    public static LegalDuty of(UUID incidentId, String code) {
        LegalDuty duty = new LegalDuty();
        duty.key = new Key(incidentId, code);
        return duty;
    }

    /** The duty applies (again): why, by which rules, and its deadlines counted from discovery. */
    public void identify(
            String ruleSetVersion,
            String source,
            List<LegalDutyRules.Text> reasons,
            OffsetDateTime identifiedAt,
            OffsetDateTime promptDueAt,
            OffsetDateTime finalDueAt,
            OffsetDateTime personsNoticeDueAt) {
        followFacts(ruleSetVersion, source, reasons);
        this.identifiedAt = identifiedAt;
        this.withdrawnAt = null;
        moveDeadlines(promptDueAt, finalDueAt, personsNoticeDueAt);
    }

    /** Its reasons and source follow the case's facts as they now are. */
    public void followFacts(String ruleSetVersion, String source, List<LegalDutyRules.Text> reasons) {
        this.ruleSetVersion = ruleSetVersion;
        this.source = source;
        this.reasons = reasons;
    }

    /** A fact changed the deadlines (e.g. 30 → 60 days, 規則43条3号). */
    public void moveDeadlines(
            OffsetDateTime promptDueAt, OffsetDateTime finalDueAt, OffsetDateTime personsNoticeDueAt) {
        this.promptDueAt = promptDueAt;
        this.finalDueAt = finalDueAt;
        this.personsNoticeDueAt = personsNoticeDueAt;
    }

    /** Later facts show the duty does not apply after all; the clock stops. */
    public void withdraw(OffsetDateTime at) {
        this.withdrawnAt = at;
    }

    /** The prompt report (速報) was submitted. */
    public void promptSubmitted(OffsetDateTime at, String reference) {
        this.promptSubmittedAt = at;
        this.promptReference = reference;
    }

    /** The final report (確報) was submitted; the clock stops. */
    public void finalSubmitted(OffsetDateTime at, String reference) {
        this.finalSubmittedAt = at;
        this.finalReference = reference;
    }
}
