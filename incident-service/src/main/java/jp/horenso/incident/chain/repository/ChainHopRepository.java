package jp.horenso.incident.chain.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.chain.ChainHop;

/** The hops of the chain projection. */
@ApplicationScoped
public class ChainHopRepository implements PanacheRepositoryBase<ChainHop, UUID> {

    /** A case's hops in the order they were opened. */
    public List<ChainHop> ofIncident(UUID incidentId) {
        return list("incidentId = ?1 ORDER BY openedAt, step, hopId", incidentId);
    }
}
