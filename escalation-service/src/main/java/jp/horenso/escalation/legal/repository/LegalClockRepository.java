package jp.horenso.escalation.legal.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.legal.LegalClock;

/** The {@code legal_clock} table. */
@ApplicationScoped
public class LegalClockRepository implements PanacheRepositoryBase<LegalClock, UUID> {

    /** The clock of a case's duty, locked: events about one duty apply one at a time. */
    public Optional<LegalClock> lock(UUID incidentId, String code) {
        return find("incidentId = ?1 and code = ?2", incidentId, code)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public List<LegalClock> ofIncident(UUID incidentId) {
        return list("incidentId = ?1 order by identifiedAt, code", incidentId);
    }
}
