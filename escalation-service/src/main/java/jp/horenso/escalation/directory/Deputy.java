package jp.horenso.escalation.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * That a person stands in (代理) for a position while it is vacant or its holder is absent, between two dates
 * (inclusive, in the organisation's time zone; null = open-ended).
 */
@Entity
@Table(name = "deputy")
public class Deputy {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Position position;

    /** The section or department of a unit position; null for a position of the organisation. */
    @Column(name = "unit_code")
    private String unitCode;

    @Column(nullable = false)
    private String username;

    @Column(name = "valid_from")
    private LocalDate validFrom;

    @Column(name = "valid_until")
    private LocalDate validUntil;

    protected Deputy() {}

    public Deputy(
            String organisation,
            Position position,
            String unitCode,
            String username,
            LocalDate validFrom,
            LocalDate validUntil) {
        this.organisation = organisation;
        this.position = position;
        this.unitCode = unitCode;
        this.username = username;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
    }

    public Long id() {
        return id;
    }

    public String organisation() {
        return organisation;
    }

    public Position position() {
        return position;
    }

    public String unitCode() {
        return unitCode;
    }

    public String username() {
        return username;
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    public LocalDate validUntil() {
        return validUntil;
    }

    /** Whether the deputy stands in on {@code date}. */
    public boolean validOn(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validUntil == null || !date.isAfter(validUntil));
    }
}
