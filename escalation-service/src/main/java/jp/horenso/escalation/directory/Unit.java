package jp.horenso.escalation.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A department (部) or section (課) of an organisation; a section's parent is its department. */
@Entity
@Table(name = "unit")
public class Unit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String organisation;

    @Column(nullable = false)
    private String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UnitKind kind;

    @Column(name = "parent_code")
    private String parentCode;

    @Column(name = "name_ja", nullable = false)
    private String nameJa;

    @Column(name = "name_en")
    private String nameEn;

    protected Unit() {}

    public Unit(String organisation, String code, UnitKind kind, String parentCode, String nameJa, String nameEn) {
        this.organisation = organisation;
        this.code = code;
        this.kind = kind;
        this.parentCode = parentCode;
        this.nameJa = nameJa;
        this.nameEn = nameEn;
    }

    /** The department this unit belongs to: itself for a department, its parent for a section. */
    public String departmentCode() {
        return kind == UnitKind.DEPARTMENT ? code : parentCode;
    }

    public String organisation() {
        return organisation;
    }

    public String code() {
        return code;
    }

    public UnitKind kind() {
        return kind;
    }

    public String parentCode() {
        return parentCode;
    }

    public String nameJa() {
        return nameJa;
    }

    public String nameEn() {
        return nameEn;
    }
}
