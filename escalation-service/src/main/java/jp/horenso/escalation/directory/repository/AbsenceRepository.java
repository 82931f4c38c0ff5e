package jp.horenso.escalation.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.horenso.escalation.directory.Absence;
import jp.horenso.platform.sql.DirectSql;

/** The {@code absence} table. */
@ApplicationScoped
public class AbsenceRepository implements PanacheRepository<Absence> {

    /**
     * Plain JDBC with one array parameter: an HQL {@code in :list} is translated to SQL again at every call (its SQL
     * depends on the list's length), which was 8 % of the service's CPU at 20 reports/s (issue 13).
     */
    private static final String ABSENT_NOW = """
            select username from absence
            where organisation = ? and username = any(?) and starts_at <= now() and ends_at > now()""";

    /** Which of {@code usernames} are absent now, by the database's clock. */
    public Set<String> absentNow(String organisation, Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(DirectSql.list(
                getEntityManager(),
                ABSENT_NOW,
                row -> row.getString(1),
                organisation,
                usernames.toArray(String[]::new)));
    }

    /** The absences of an organisation not yet over, by the database's clock, soonest first. */
    public List<Absence> currentAndFuture(String organisation) {
        return list("organisation = ?1 and endsAt > current_timestamp order by startsAt, id", organisation);
    }
}
