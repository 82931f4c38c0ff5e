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
