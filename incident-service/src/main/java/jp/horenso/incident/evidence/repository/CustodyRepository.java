package jp.horenso.incident.evidence.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.evidence.CustodyEntry;

/** Appends to and reads the chains of custody. */
@ApplicationScoped
public class CustodyRepository implements PanacheRepository<CustodyEntry> {

    /** A piece of evidence's chain, oldest first. */
    public List<CustodyEntry> of(UUID evidenceId) {
        return list("evidenceId = ?1 ORDER BY id", evidenceId);
    }
}
