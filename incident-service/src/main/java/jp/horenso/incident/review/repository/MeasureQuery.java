package jp.horenso.incident.review.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.response.ResponseAction;

/**
 * Reads a case's response actions (containment, recovery, recurrence prevention) for the report to the CISO. The
 * response feature owns and writes them; the review only reads.
 */
@ApplicationScoped
public class MeasureQuery {

    private final EntityManager em;

    public MeasureQuery(EntityManager em) {
        this.em = em;
    }

    /** Every response action of the case, by kind and then in the order they were written. */
    public List<ResponseAction> of(UUID incidentId) {
        return em.createQuery(
                        "FROM ResponseAction a WHERE a.incidentId = :id ORDER BY a.kind, a.createdAt, a.id",
                        ResponseAction.class)
                .setParameter("id", incidentId)
                .getResultList();
    }
}
