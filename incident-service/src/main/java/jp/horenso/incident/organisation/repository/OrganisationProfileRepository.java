package jp.horenso.incident.organisation.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import jp.horenso.incident.organisation.OrganisationProfile;

/** The onboarded organisations' profiles and their case-number counters. */
@ApplicationScoped
public class OrganisationProfileRepository implements PanacheRepositoryBase<OrganisationProfile, String> {

    public Optional<OrganisationProfile> profile(String organisation) {
        return findByIdOptional(organisation);
    }

    /** Gives a newly onboarded organisation its case-number counter (kept when it is onboarded again). */
    public void ensureCounter(String organisation) {
        getEntityManager()
                .createNativeQuery("INSERT INTO case_number_counter (organisation, last_number) VALUES (?1, 0)"
                        + " ON CONFLICT (organisation) DO NOTHING")
                .setParameter(1, organisation)
                .executeUpdate();
    }

    /**
     * The organisation's next case counter, taken in the caller's transaction: the row stays locked until it ends,
     * so filings of one organisation are numbered one after the other, and a rolled-back filing gives its number
     * back (no gaps).
     */
    public long nextCaseCounter(String organisation) {
        Number next = (Number) getEntityManager()
                .createNativeQuery("UPDATE case_number_counter SET last_number = last_number + 1"
                        + " WHERE organisation = ?1 RETURNING last_number")
                .setParameter(1, organisation)
                .getSingleResult();
        return next.longValue();
    }
}
