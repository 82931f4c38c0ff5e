package jp.horenso.incident.evidence.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.evidence.Evidence;

/** Stores evidence metadata. */
@ApplicationScoped
public class EvidenceRepository implements PanacheRepositoryBase<Evidence, UUID> {

    /** A case's evidence in the order it arrived. */
    public List<Evidence> of(UUID incidentId) {
        return list("incidentId = ?1 ORDER BY receivedAt, id", incidentId);
    }

    /** One piece of one case, or null. */
    public Evidence of(UUID incidentId, UUID evidenceId) {
        return find("id = ?1 AND incidentId = ?2", evidenceId, incidentId).firstResult();
    }
}
