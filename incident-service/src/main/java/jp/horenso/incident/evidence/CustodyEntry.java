package jp.horenso.incident.evidence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One link of a piece of evidence's chain of custody: who received, downloaded or handed it over, when and why. */
@Entity
@Immutable
@Table(name = "evidence_custody")
public class CustodyEntry {

    /** What happened to the evidence. */
    public enum Action {
        /** It arrived and its hash was computed. */
        RECEIVED,
        /** Someone downloaded a copy. */
        DOWNLOADED,
        /** It was handed over to someone (e.g. the police, a forensic vendor). */
        HANDED_OVER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "evidence_id", nullable = false)
    private UUID evidenceId;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Action action;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private OffsetDateTime at;

    /** For a hand-over: to whom. */
    @Column(name = "handed_to")
    private String handedTo;

    private String purpose;

    protected CustodyEntry() {
        // for JPA
    }

    public Long id() {
        return id;
    }

    public UUID evidenceId() {
        return evidenceId;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public Action action() {
        return action;
    }

    public String actor() {
        return actor;
    }

    public OffsetDateTime at() {
        return at;
    }

    public String handedTo() {
        return handedTo;
    }

    public String purpose() {
        return purpose;
    }

    /** A link of the chain of custody: who did what with the evidence, when (to whom and why for a hand-over). */
    public static CustodyEntry of(
            UUID evidenceId,
            UUID incidentId,
            Action action,
            String actor,
            OffsetDateTime at,
            String handedTo,
            String purpose) {
        CustodyEntry entry = new CustodyEntry();
        entry.evidenceId = evidenceId;
        entry.incidentId = incidentId;
        entry.action = action;
        entry.actor = actor;
        entry.at = at;
        entry.handedTo = handedTo;
        entry.purpose = purpose;
        return entry;
    }
}
