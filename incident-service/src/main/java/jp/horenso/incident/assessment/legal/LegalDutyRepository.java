package jp.horenso.incident.assessment.legal;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Stores the legal duties found for cases. */
@ApplicationScoped
public class LegalDutyRepository implements PanacheRepositoryBase<LegalDuty, LegalDuty.Key> {

    public List<LegalDuty> of(UUID incidentId) {
        return list("key.incidentId = ?1 ORDER BY key.code", incidentId);
    }
}
