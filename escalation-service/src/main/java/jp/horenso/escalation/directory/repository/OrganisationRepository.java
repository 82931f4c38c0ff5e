package jp.horenso.escalation.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.escalation.directory.Organisation;

/** The {@code organisation} table. */
@ApplicationScoped
public class OrganisationRepository implements PanacheRepositoryBase<Organisation, String> {

    /**
     * Inserts the organisation unless it exists.
     *
     * @return {@code false} when it was there already (possibly inserted just now by another replica)
     */
    public boolean insertIfAbsent(Organisation organisation) {
        return getEntityManager()
                        .createNativeQuery("""
                insert into organisation (code, name_ja, name_en) values (:code, :ja, :en)
                on conflict do nothing""")
                        .setParameter("code", organisation.code())
                        .setParameter("ja", organisation.nameJa())
                        .setParameter("en", organisation.nameEn())
                        .executeUpdate()
                == 1;
    }

    /**
     * Inserts an onboarded organisation with its profile unless the code exists.
     *
     * @return {@code false} when it was there already (possibly inserted just now by another replica)
     */
    public boolean insertOnboarded(
            String code,
            String nameJa,
            String nameEn,
            String caseNumberPrefix,
            String classificationScheme,
            String contactJa,
            String contactEn,
            String publicContactsJson,
            String onboardedBy) {
        return getEntityManager()
                        .createNativeQuery("""
                insert into organisation (code, name_ja, name_en, case_number_prefix, classification_scheme,
                                          contact_ja, contact_en, public_contacts, onboarded_by, onboarded_at)
                values (:code, :ja, :en, :prefix, :scheme, :contactJa, :contactEn, cast(:contacts as jsonb), :by, now())
                on conflict (code) do nothing""")
                        .setParameter("code", code)
                        .setParameter("ja", nameJa)
                        .setParameter("en", nameEn)
                        .setParameter("prefix", caseNumberPrefix)
                        .setParameter("scheme", classificationScheme)
                        .setParameter("contactJa", contactJa)
                        .setParameter("contactEn", contactEn)
                        .setParameter("contacts", publicContactsJson)
                        .setParameter("by", onboardedBy)
                        .executeUpdate()
                == 1;
    }

    /**
     * Gives an organisation seeded before profiles existed its profile, once.
     *
     * @return {@code false} when it has one already (another replica adopted it just now)
     */
    public boolean adoptProfile(
            String code,
            String caseNumberPrefix,
            String classificationScheme,
            String contactJa,
            String contactEn,
            String publicContactsJson,
            String onboardedBy) {
        return getEntityManager()
                        .createNativeQuery("""
                update organisation set case_number_prefix = :prefix, classification_scheme = :scheme,
                       contact_ja = :contactJa, contact_en = :contactEn, public_contacts = cast(:contacts as jsonb),
                       onboarded_by = :by, onboarded_at = now()
                 where code = :code and onboarded_at is null""")
                        .setParameter("code", code)
                        .setParameter("prefix", caseNumberPrefix)
                        .setParameter("scheme", classificationScheme)
                        .setParameter("contactJa", contactJa)
                        .setParameter("contactEn", contactEn)
                        .setParameter("contacts", publicContactsJson)
                        .setParameter("by", onboardedBy)
                        .executeUpdate()
                == 1;
    }

    /** Whether another organisation than {@code code} has the case-number prefix already. */
    public boolean prefixTaken(String caseNumberPrefix, String code) {
        return count("caseNumberPrefix = ?1 and code <> ?2", caseNumberPrefix, code) > 0;
    }

    /**
     * Locks the organisation's row: changes to its chain versions or its directory happen one at a time.
     *
     * @return {@code false} when the organisation does not exist
     */
    public boolean lock(String code) {
        return !getEntityManager()
                .createNativeQuery("select code from organisation where code = :code for update")
                .setParameter("code", code)
                .getResultList()
                .isEmpty();
    }
}
