package jp.horenso.escalation.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import jp.horenso.escalation.directory.Deputy;

/** The {@code deputy} table. */
@ApplicationScoped
public class DeputyRepository implements PanacheRepository<Deputy> {

    /** The deputies of an organisation, in the order they are tried. */
    public List<Deputy> ofOrganisation(String organisation) {
        return list("organisation = ?1 order by id", organisation);
    }

    /**
     * The user names of the deputies of a position (of {@code unitCode}, or of the organisation when null) valid
     * today in {@code zone} by the database's clock, in the order they are tried.
     */
    @SuppressWarnings("unchecked")
    public List<String> validToday(String organisation, String position, String unitCode, String zone) {
        return getEntityManager()
                .createNativeQuery("""
                select username from deputy
                where organisation = :organisation and position = :position
                  and coalesce(unit_code, '') = coalesce(cast(:unit as text), '')
                  and (valid_from is null or valid_from <= cast(now() at time zone :zone as date))
                  and (valid_until is null or valid_until >= cast(now() at time zone :zone as date))
                order by id""", String.class)
                .setParameter("organisation", organisation)
                .setParameter("position", position)
                .setParameter("unit", unitCode)
                .setParameter("zone", zone)
                .getResultList();
    }
}
