package jp.horenso.escalation.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;

/** The {@code person} table. */
@ApplicationScoped
public class PersonRepository implements PanacheRepository<Person> {

    /**
     * The people holding {@code position} in {@code organisation}: of unit {@code unitCode}, or of the
     * organisation itself when {@code unitCode} is null. Ordered by user name, so that hops open in a stable
     * order.
     */
    public List<Person> holdersOf(String organisation, Position position, String unitCode) {
        String unitCondition = unitCode == null ? "a.unitCode is null" : "a.unitCode = :unit";
        var query = getEntityManager()
                .createQuery("""
                select p from Person p, PositionAssignment a
                where a.organisation = p.organisation and a.username = p.username
                  and a.organisation = :organisation and a.position = :position and %s
                order by p.username""".formatted(unitCondition), Person.class)
                .setParameter("organisation", organisation)
                .setParameter("position", position);
        if (unitCode != null) {
            query.setParameter("unit", unitCode);
        }
        return query.getResultList();
    }

    public Optional<Person> findByUsername(String organisation, String username) {
        return find("organisation = ?1 and username = ?2", organisation, username)
                .firstResultOptional();
    }

    public List<Person> ofOrganisation(String organisation) {
        return list("organisation = ?1 order by username", organisation);
    }
}
