package jp.horenso.escalation.hop.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.hop.ChainRun;

/** The {@code outside_notification} table: which outside bodies (関係機関, 第43条2項) a case was reported to. */
@ApplicationScoped
public class OutsideNotificationRepository {

    private final EntityManager entityManager;

    public OutsideNotificationRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records that the case is reported to {@code body}.
     *
     * @return {@code false} when it was reported to the body before (it is told once per case)
     */
    public boolean insertIfAbsent(ChainRun run, String chainStep, ChainDocument.OutsideBody body) {
        entityManager.flush();
        return entityManager
                        .createNativeQuery("""
                insert into outside_notification (incident_id, body_id, chain_step, name, email, notified_at)
                values (:incident, :body, :step, :name, :email, now())
                on conflict do nothing""")
                        .setParameter("incident", run.incidentId())
                        .setParameter("body", body.id())
                        .setParameter("step", chainStep)
                        .setParameter("name", body.name().ja())
                        .setParameter("email", body.email())
                        .executeUpdate()
                == 1;
    }
}
