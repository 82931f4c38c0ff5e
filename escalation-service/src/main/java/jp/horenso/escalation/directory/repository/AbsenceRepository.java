package jp.horenso.escalation.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.horenso.escalation.directory.Absence;

/** The {@code absence} table. */
@ApplicationScoped
public class AbsenceRepository implements PanacheRepository<Absence> {

    /** Which of {@code usernames} are absent now, by the database's clock. */
    public Set<String> absentNow(String organisation, Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(getEntityManager()
                .createQuery("""
                select a.username from Absence a
                where a.organisation = :organisation and a.username in :usernames
                  and a.startsAt <= current_timestamp and a.endsAt > current_timestamp""", String.class)
                .setParameter("organisation", organisation)
                .setParameter("usernames", usernames)
                .getResultList());
    }

    /** The absences of an organisation not yet over, by the database's clock, soonest first. */
    public List<Absence> currentAndFuture(String organisation) {
        return list("organisation = ?1 and endsAt > current_timestamp order by startsAt, id", organisation);
    }
}
