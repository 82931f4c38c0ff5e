package jp.horenso.escalation.hop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The chain running for one case: what the chain needs to know about the case, and its chain version. */
@Entity
@Table(name = "chain_run")
public class ChainRun {

    @Id
    @Column(name = "incident_id")
    private UUID incidentId;

    @Column(name = "incident_number", nullable = false)
    private String incidentNumber;

    @Column(nullable = false)
    private String organisation;

    /** The chain version the case runs on until it ends, even when a newer version is written. */
    @Column(name = "chain_version", nullable = false)
    private int chainVersion;

    /** The case's section (課), as reported. */
    @Column(name = "unit_code", nullable = false)
    private String unitCode;

    @Column(name = "department_code")
    private String departmentCode;

    @Column(name = "reported_by", nullable = false)
    private String reportedBy;

    /** A drill (訓練, 第48条): runs the whole chain, every notification marked. */
    @Column(nullable = false)
    private boolean drill;

    private String severity;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    /** When a department head or the security lead marked the case 重大 (第43条3項); null while not marked. */
    @Column(name = "marked_serious_at")
    private Instant markedSeriousAt;

    @Column(name = "marked_serious_by")
    private String markedSeriousBy;

    @Column(name = "marked_serious_reason")
    private String markedSeriousReason;

    /** When the case was closed or withdrawn: nothing further is opened or sent for it; null while running. */
    @Column(name = "stopped_at")
    private Instant stoppedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "stop_reason")
    private CancelReason stopReason;

    protected ChainRun() {}

    public ChainRun(
            UUID incidentId,
            String incidentNumber,
            String organisation,
            int chainVersion,
            String unitCode,
            String departmentCode,
            String reportedBy,
            boolean drill,
            String severity,
            Instant startedAt) {
        this.incidentId = incidentId;
        this.incidentNumber = incidentNumber;
        this.organisation = organisation;
        this.chainVersion = chainVersion;
        this.unitCode = unitCode;
        this.departmentCode = departmentCode;
        this.reportedBy = reportedBy;
        this.drill = drill;
        this.severity = severity;
        this.startedAt = startedAt;
    }

    /** The case's severity as incident-service last assessed it (SeverityAssessed). */
    public void assessSeverity(String severity) {
        this.severity = severity;
    }

    /** Records that {@code by} judged the case 重大 at {@code at}; the first marking is kept. */
    public void markSerious(String by, Instant at, String reason) {
        if (markedSeriousAt != null) {
            throw new IllegalStateException("case " + incidentNumber + " is marked serious already");
        }
        this.markedSeriousBy = by;
        this.markedSeriousAt = at;
        this.markedSeriousReason = reason;
    }

    /** The case now concerns another unit (第44条2項): its section and department change. */
    public void moveTo(String unitCode, String departmentCode) {
        this.unitCode = unitCode;
        this.departmentCode = departmentCode;
    }

    /** The case is (or no longer is) a drill (第48条): later notices carry the new marking. */
    public void markDrill(boolean drill) {
        this.drill = drill;
    }

    /**
     * The case was closed or withdrawn: the chain stops.
     *
     * @return {@code false} when it had stopped before (the first stop stays)
     */
    public boolean stop(CancelReason reason, Instant at) {
        if (stoppedAt != null) {
            return false;
        }
        if (reason == CancelReason.UNIT_CHANGED) {
            throw new IllegalArgumentException("a unit change does not stop the chain");
        }
        this.stopReason = reason;
        this.stoppedAt = at;
        return true;
    }

    public boolean stopped() {
        return stoppedAt != null;
    }

    public Instant stoppedAt() {
        return stoppedAt;
    }

    public CancelReason stopReason() {
        return stopReason;
    }

    public boolean markedSerious() {
        return markedSeriousAt != null;
    }

    public Instant markedSeriousAt() {
        return markedSeriousAt;
    }

    public String markedSeriousBy() {
        return markedSeriousBy;
    }

    public String markedSeriousReason() {
        return markedSeriousReason;
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

    public int chainVersion() {
        return chainVersion;
    }

    public String unitCode() {
        return unitCode;
    }

    public String departmentCode() {
        return departmentCode;
    }

    public String departmentCodeOrEmpty() {
        return departmentCode == null ? "" : departmentCode;
    }

    public String reportedBy() {
        return reportedBy;
    }

    public boolean drill() {
        return drill;
    }

    public String severity() {
        return severity;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
