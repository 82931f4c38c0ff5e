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
    public Long id;

    @Column(name = "evidence_id", nullable = false)
    public UUID evidenceId;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public OffsetDateTime at;

    /** For a hand-over: to whom. */
    @Column(name = "handed_to")
    public String handedTo;

    public String purpose;
}
