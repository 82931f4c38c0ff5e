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
    public UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DisclosureMethod method;

    /** What the proposal rule suggested when the CISO decided. */
    @Enumerated(EnumType.STRING)
    @Column(name = "proposed_method", nullable = false)
    public DisclosureMethod proposedMethod;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "proposed_reasons", nullable = false)
    public List<DisclosureProposal.Reason> proposedReasons = new ArrayList<>();

    /** The CISO's reasoning, e.g. why they did not follow the proposal. */
    public String note;

    @Column(name = "decided_by", nullable = false)
    public String decidedBy;

    @Column(name = "decided_at", nullable = false)
    public OffsetDateTime decidedAt;

    @Version
    public long version;
}
