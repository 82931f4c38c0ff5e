package jp.horenso.incident.response.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.response.ResponseAction;

/** Stores the response actions of cases. */
@ApplicationScoped
public class ResponseActionRepository implements PanacheRepositoryBase<ResponseAction, UUID> {

    /** A case's actions in the order they were recorded, optionally of one kind and one status. */
    public List<ResponseAction> of(UUID incidentId, ResponseAction.Kind kind, ResponseAction.Status status) {
        StringBuilder query = new StringBuilder("incidentId = :incident");
        Parameters params = Parameters.with("incident", incidentId);
        if (kind != null) {
            query.append(" AND kind = :kind");
            params.and("kind", kind);
        }
        if (status != null) {
            query.append(" AND status = :status");
            params.and("status", status);
        }
        return list(query.append(" ORDER BY createdAt, id").toString(), params);
    }

    /** One action of one case, or null: an action id under another case's path is not found. */
    public ResponseAction of(UUID incidentId, UUID actionId) {
        return find("id = ?1 AND incidentId = ?2", actionId, incidentId).firstResult();
    }
}
