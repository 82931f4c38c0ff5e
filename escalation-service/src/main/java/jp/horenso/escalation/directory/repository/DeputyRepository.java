package jp.horenso.escalation.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import jp.horenso.escalation.directory.Deputy;
import jp.horenso.platform.sql.DirectSql;

/** The {@code deputy} table. */
@ApplicationScoped
public class DeputyRepository implements PanacheRepository<Deputy> {

    private static final String VALID_TODAY = """
            select username from deputy
            where organisation = ? and position = ?
              and coalesce(unit_code, '') = coalesce(cast(? as text), '')
              and (valid_from is null or valid_from <= cast(now() at time zone ? as date))
              and (valid_until is null or valid_until >= cast(now() at time zone ? as date))
            order by id""";

    /** The deputies of an organisation, in the order they are tried. */
    public List<Deputy> ofOrganisation(String organisation) {
        return list("organisation = ?1 order by id", organisation);
    }

    /**
     * The user names of the deputies of a position (of {@code unitCode}, or of the organisation when null) valid
     * today in {@code zone} by the database's clock, in the order they are tried. Asked whenever a position's holder
     * is away: through {@link DirectSql}, since a native query with a result class adds an entry to Hibernate's plan
     * cache at every call, which every later lookup walks (issue 13).
     */
    public List<String> validToday(String organisation, String position, String unitCode, String zone) {
        return DirectSql.list(
                getEntityManager(), VALID_TODAY, row -> row.getString(1), organisation, position, unitCode, zone, zone);
    }
}
