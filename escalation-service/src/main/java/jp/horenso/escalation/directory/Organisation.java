package jp.horenso.escalation.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * An organisation with its own reporting chain (市長部局, 議会, 教育委員会 …) and its profile: case-number prefix,
 * classification scheme, the inquiry desk and the public contacts of its documents.
 */
@Entity
@Table(name = "organisation")
public class Organisation {

    @Id
    private String code;

    @Column(name = "name_ja", nullable = false)
    private String nameJa;

    @Column(name = "name_en")
    private String nameEn;

    @Column(name = "case_number_prefix")
    private String caseNumberPrefix;

    @Column(name = "classification_scheme", nullable = false)
    private String classificationScheme = "KANUMA";

    @Column(name = "contact_ja")
    private String contactJa;

    @Column(name = "contact_en")
    private String contactEn;

    /** A JSON array of texts; written only by onboarding (native insert). */
    @Column(
            name = "public_contacts",
            nullable = false,
            columnDefinition = "jsonb",
            insertable = false,
            updatable = false)
    @ColumnTransformer(read = "public_contacts::text")
    private String publicContacts;

    @Column(name = "onboarded_by")
    private String onboardedBy;

    @Column(name = "onboarded_at")
    private Instant onboardedAt;

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

    public String caseNumberPrefix() {
        return caseNumberPrefix;
    }

    public String classificationScheme() {
        return classificationScheme;
    }

    public String contactJa() {
        return contactJa;
    }

    public String contactEn() {
        return contactEn;
    }

    /** The public contacts as the JSON array stored. */
    public String publicContactsJson() {
        return publicContacts == null ? "[]" : publicContacts;
    }

    public String onboardedBy() {
        return onboardedBy;
    }

    public Instant onboardedAt() {
        return onboardedAt;
    }
}
