package jp.horenso.escalation.hop.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.platform.sql.DirectSql;

/** The {@code chain_run} table: one row per case. */
@ApplicationScoped
public class ChainRunRepository implements PanacheRepositoryBase<ChainRun, UUID> {

    /** The organisation a case's chain runs in; empty when no chain runs for the case. */
    @Transactional
    public Optional<String> organisationOf(UUID incidentId) {
        return DirectSql.first(
                getEntityManager(),
                "select organisation from chain_run where incident_id = ?",
                row -> row.getString(1),
                incidentId);
    }

    /** The case's run, locked: changes to one case (severity, 重大 marking, legal duties) apply one at a time. */
    public Optional<ChainRun> lockRun(UUID incidentId) {
        return findByIdOptional(incidentId, LockModeType.PESSIMISTIC_WRITE);
    }
}
