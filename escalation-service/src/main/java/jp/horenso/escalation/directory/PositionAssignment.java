package jp.horenso.escalation.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * That a person holds a position: of a unit (section chief, department head) or of the whole organisation
 * ({@code unitCode} null: security lead, CISO, CSIRT member).
 */
@Entity
@Table(name = "position_assignment")
public class PositionAssignment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Position position;

    @Column(name = "unit_code")
    private String unitCode;

    @Column(nullable = false)
    private String username;

    protected PositionAssignment() {}

    public PositionAssignment(String organisation, Position position, String unitCode, String username) {
        this.organisation = organisation;
        this.position = position;
        this.unitCode = unitCode;
        this.username = username;
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
}
