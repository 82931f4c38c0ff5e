package jp.horenso.incident.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A department (部) or section (課) of an organisation, as escalation-service last published the directory. */
@Entity
@Table(name = "directory_unit")
public class DirectoryUnit {

    /** Department or section. */
    public enum Kind {
        DEPARTMENT,
        SECTION
    }

    /** Organisation and unit code. */
    @Embeddable
    public record Key(
            @Column(name = "organisation") String organisation,
            @Column(name = "code") String code) implements Serializable {}

    @EmbeddedId
    private Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    /** The department of a section; null for a department. */
    private String parent;

    @Column(name = "name_ja", nullable = false)
    private String nameJa;

    @Column(name = "name_en")
    private String nameEn;

    protected DirectoryUnit() {
        // for JPA
    }

    public DirectoryUnit(Key key, Kind kind, String parent, String nameJa, String nameEn) {
        this.key = key;
        this.kind = kind;
        this.parent = parent;
        this.nameJa = nameJa;
        this.nameEn = nameEn;
    }

    public String code() {
        return key.code();
    }

    /** The department a case of this unit belongs to: the parent of a section, a department itself. */
    public String department() {
        return kind == Kind.DEPARTMENT ? key.code() : parent;
    }

    public Key key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public String parent() {
        return parent;
    }

    public String nameJa() {
        return nameJa;
    }

    public String nameEn() {
        return nameEn;
    }
}
