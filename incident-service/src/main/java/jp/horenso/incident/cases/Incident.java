package jp.horenso.incident.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A case (事案): one reported security incident and what is known about it. */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    public UUID id;

    /** Human-friendly case number, e.g. INC-2026-000042, used in mail and on the phone. */
    @Column(nullable = false, unique = true)
    public String number;

    @Column(nullable = false)
    public String organisation;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "reporter_type", nullable = false)
    public ReporterType reporterType;

    /** User name of the person who filed the report (for a vendor or citizen: the staff member who took it). */
    @Column(name = "reported_by", nullable = false)
    public String reportedBy;

    /** Section (課) the case belongs to. */
    @Column(nullable = false)
    public String unit;

    /** Department (部) of that section. */
    public String department;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "discovered_at", nullable = false)
    public OffsetDateTime discoveredAt;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;

    /** A drill (訓練, 第48条): runs the whole chain, marked everywhere, left out of statistics. */
    @Column(nullable = false)
    public boolean drill;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentState state;

    @Version
    public long version;
}
