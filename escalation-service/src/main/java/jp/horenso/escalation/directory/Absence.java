package jp.horenso.escalation.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A time a person cannot be reached (leave, business trip): hops meant for them go to their position's deputy. */
@Entity
@Table(name = "absence")
public class Absence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String organisation;

    @Column(nullable = false)
    private String username;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    /** Exclusive. */
    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    private String reason;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected Absence() {}

    public Absence(
            String organisation, String username, Instant startsAt, Instant endsAt, String reason, String createdBy) {
        this.organisation = organisation;
        this.username = username;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.reason = reason;
        this.createdBy = createdBy;
    }

    public Long id() {
        return id;
    }

    public String organisation() {
        return organisation;
    }

    public String username() {
        return username;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public String reason() {
        return reason;
    }

    public String createdBy() {
        return createdBy;
    }
}
