package jp.horenso.escalation.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An organisation with its own reporting chain (市長部局, 議会, 教育委員会 …). */
@Entity
@Table(name = "organisation")
public class Organisation {

    @Id
    private String code;

    @Column(name = "name_ja", nullable = false)
    private String nameJa;

    @Column(name = "name_en")
    private String nameEn;

    protected Organisation() {}

    public Organisation(String code, String nameJa, String nameEn) {
        this.code = code;
        this.nameJa = nameJa;
        this.nameEn = nameEn;
    }

    public void rename(String nameJa, String nameEn) {
        this.nameJa = nameJa;
        this.nameEn = nameEn;
    }

    public String code() {
        return code;
    }

    public String nameJa() {
        return nameJa;
    }

    public String nameEn() {
        return nameEn;
    }
}
