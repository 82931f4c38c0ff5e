package jp.horenso.incident.communication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.communication.Communication;

/** Stores the outside communications of cases. */
@ApplicationScoped
public class CommunicationRepository implements PanacheRepositoryBase<Communication, UUID> {

    /** A case's communications in the order they happened, optionally of one kind. */
    public List<Communication> of(UUID incidentId, Communication.Kind kind) {
        if (kind == null) {
            return list("incidentId = ?1 ORDER BY communicatedAt, recordedAt", incidentId);
        }
        return list("incidentId = ?1 AND kind = ?2 ORDER BY communicatedAt, recordedAt", incidentId, kind);
    }

    /** One communication of one case, or null. */
    public Communication of(UUID incidentId, UUID communicationId) {
        return find("id = ?1 AND incidentId = ?2", communicationId, incidentId).firstResult();
    }
}
