package jp.horenso.incident.disclosure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The CISO's decision whether and how a case is made public (第43条5項), next to what the rule proposed (R5). */
@Entity
@Table(name = "disclosure_decision")
public class DisclosureDecision {

    @Id
    @Column(name = "incident_id")
    private UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DisclosureMethod method;

    /** What the proposal rule suggested when the CISO decided. */
    @Enumerated(EnumType.STRING)
    @Column(name = "proposed_method", nullable = false)
    private DisclosureMethod proposedMethod;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "proposed_reasons", nullable = false)
    private List<DisclosureProposal.Reason> proposedReasons = new ArrayList<>();

    /** The CISO's reasoning, e.g. why they did not follow the proposal. */
    private String note;

    @Column(name = "decided_by", nullable = false)
    private String decidedBy;

    @Column(name = "decided_at", nullable = false)
    private OffsetDateTime decidedAt;

    @Version
    private long version;

    protected DisclosureDecision() {
        // for JPA
    }

    public UUID incidentId() {
        return incidentId;
    }

    public DisclosureMethod method() {
        return method;
    }

    public DisclosureMethod proposedMethod() {
        return proposedMethod;
    }

    public List<DisclosureProposal.Reason> proposedReasons() {
        return proposedReasons;
    }

    public String note() {
        return note;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public OffsetDateTime decidedAt() {
        return decidedAt;
    }

    public long version() {
        return version;
    }

    /** The case's first disclosure decision; {@link #decide} says what it is. */
    public static DisclosureDecision of(UUID incidentId) {
        DisclosureDecision d = new DisclosureDecision();
        d.incidentId = incidentId;
        return d;
    }

    /** The CISO decides (again) whether and how the case is made public, beside the rule's proposal. */
    public void decide(
            DisclosureMethod method,
            DisclosureMethod proposedMethod,
            List<DisclosureProposal.Reason> proposedReasons,
            String note,
            String decidedBy,
            OffsetDateTime decidedAt) {
        this.method = method;
        this.proposedMethod = proposedMethod;
        this.proposedReasons = proposedReasons;
        this.note = note;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
    }
}
