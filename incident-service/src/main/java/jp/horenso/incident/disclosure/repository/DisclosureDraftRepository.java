package jp.horenso.incident.disclosure.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.disclosure.DisclosureDraft;

/** Stores the versions of disclosure texts. */
@ApplicationScoped
public class DisclosureDraftRepository implements PanacheRepositoryBase<DisclosureDraft, DisclosureDraft.Key> {

    /** Every version of a case's text, oldest first. */
    public List<DisclosureDraft> of(UUID incidentId) {
        return list("key.incidentId = ?1 ORDER BY key.version", incidentId);
    }

    public DisclosureDraft latest(UUID incidentId) {
        return find("key.incidentId = ?1 ORDER BY key.version DESC", incidentId).firstResult();
    }
}
