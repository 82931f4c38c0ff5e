package jp.horenso.incident.organisation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * An organisation this installation serves, as escalation-service onboarded it (OrganisationOnboarded): its names and
 * inquiry desk printed on documents, the public contacts a disclosure may contain, its classification scheme and the
 * prefix of its case numbers.
 */
@Entity
@Table(name = "organisation_profile")
public class OrganisationProfile {

    @Id
    private String code;

    @Column(name = "name_ja", nullable = false)
    private String nameJa;

    @Column(name = "name_en", nullable = false)
    private String nameEn;

    @Column(name = "case_number_prefix", nullable = false)
    private String caseNumberPrefix;

    @Column(name = "classification_scheme", nullable = false)
    private String classificationScheme;

    @Column(name = "contact_ja", nullable = false)
    private String contactJa;

    @Column(name = "contact_en", nullable = false)
    private String contactEn;

    /** One contact per line. */
    @Column(name = "public_contacts", nullable = false)
    private String publicContacts;

    @Column(name = "onboarded_by", nullable = false)
    private String onboardedBy;

    @Column(name = "onboarded_at", nullable = false)
    private OffsetDateTime onboardedAt;

    @Column(name = "event_id", nullable = false)
    private UUID eventId;

    @Column(name = "received_at", nullable = false)
    private OffsetDateTime receivedAt;

    protected OrganisationProfile() {
        // for JPA
    }

    /** A new profile of {@code code}; {@link #onboarded} fills it. */
    public static OrganisationProfile of(String code) {
        OrganisationProfile p = new OrganisationProfile();
        p.code = code;
        return p;
    }

    /** Takes what the onboarding event {@code eventId}, sent at {@code onboardedAt}, says. */
    public void onboarded(
            String nameJa,
            String nameEn,
            String caseNumberPrefix,
            String classificationScheme,
            String contactJa,
            String contactEn,
            List<String> publicContacts,
            String onboardedBy,
            OffsetDateTime onboardedAt,
            UUID eventId,
            OffsetDateTime receivedAt) {
        this.nameJa = nameJa;
        this.nameEn = nameEn;
        this.caseNumberPrefix = caseNumberPrefix;
        this.classificationScheme = classificationScheme;
        this.contactJa = contactJa;
        this.contactEn = contactEn;
        this.publicContacts =
                String.join("\n", publicContacts.stream().map(String::strip).toList());
        this.onboardedBy = onboardedBy;
        this.onboardedAt = onboardedAt;
        this.eventId = eventId;
        this.receivedAt = receivedAt;
    }

    public String code() {
        return code;
    }

    /** The organisation's name in {@code lang} (ja unless en). */
    public String name(String lang) {
        return "en".equals(lang) ? nameEn : nameJa;
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

    /** The inquiry desk printed on documents, in {@code lang} (ja unless en). */
    public String contact(String lang) {
        return "en".equals(lang) ? contactEn : contactJa;
    }

    public List<String> publicContacts() {
        return publicContacts.isEmpty() ? List.of() : Arrays.asList(publicContacts.split("\n"));
    }

    public String onboardedBy() {
        return onboardedBy;
    }

    public OffsetDateTime onboardedAt() {
        return onboardedAt;
    }
}
