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
    public enum Kind { DEPARTMENT, SECTION }

    /** Organisation and unit code. */
    @Embeddable
    public record Key(@Column(name = "organisation") String organisation, @Column(name = "code") String code)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** The department of a section; null for a department. */
    public String parent;

    @Column(name = "name_ja", nullable = false)
    public String nameJa;

    @Column(name = "name_en")
    public String nameEn;

    public String code() {
        return key.code();
    }

    /** The department a case of this unit belongs to: the parent of a section, a department itself. */
    public String department() {
        return kind == Kind.DEPARTMENT ? key.code() : parent;
    }
}
