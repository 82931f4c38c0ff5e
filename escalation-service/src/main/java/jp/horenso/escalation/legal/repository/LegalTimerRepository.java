package jp.horenso.escalation.legal.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.legal.LegalReport;
import jp.horenso.escalation.legal.LegalTimer;
import jp.horenso.escalation.legal.LegalTimerKind;
import jp.horenso.escalation.legal.LegalTimerStatus;

/** The {@code legal_timer} table. */
@ApplicationScoped
public class LegalTimerRepository implements PanacheRepositoryBase<LegalTimer, UUID> {

    /**
     * Claims pending timers whose due time has passed by the database's clock, locking them for the caller's
     * transaction; timers another transaction holds are skipped, so each fires exactly once.
     */
    @SuppressWarnings("unchecked")
    public List<LegalTimer> claimDue(int limit) {
        return getEntityManager().createNativeQuery("""
                select * from legal_timer where status = 'PENDING' and due_at <= now()
                order by due_at limit :limit for update skip locked""", LegalTimer.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    public Optional<LegalTimer> find(UUID clockId, LegalReport report, LegalTimerKind kind) {
        return find("clockId = ?1 and report = ?2 and kind = ?3", clockId, report, kind).firstResultOptional();
    }

    public List<LegalTimer> pendingOf(UUID clockId) {
        return list("clockId = ?1 and status = ?2", clockId, LegalTimerStatus.PENDING);
    }

    public List<LegalTimer> ofClock(UUID clockId) {
        return list("clockId = ?1 order by dueAt", clockId);
    }
}
