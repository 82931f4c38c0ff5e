package jp.horenso.incident.disclosure.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.disclosure.DisclosurePublication;

/** Stores what was published; the public queries never return a drill's publication. */
@ApplicationScoped
public class DisclosurePublicationRepository implements PanacheRepositoryBase<DisclosurePublication, UUID> {

    public List<DisclosurePublication> of(UUID incidentId) {
        return list("incidentId = ?1 ORDER BY publishedAt, id", incidentId);
    }

    public DisclosurePublication ofDraft(UUID incidentId, int draftVersion) {
        return find("incidentId = ?1 AND draftVersion = ?2", incidentId, draftVersion).firstResult();
    }

    /** Published, real (not drill) disclosures, newest first. */
    public List<DisclosurePublication> publicPage(int page, int size) {
        return find("drill = false ORDER BY publishedAt DESC, id").page(Page.of(page, size)).list();
    }

    public long publicCount() {
        return count("drill = false");
    }

    /** A published, real disclosure, or null. */
    public DisclosurePublication publicOne(UUID id) {
        return find("id = ?1 AND drill = false", id).firstResult();
    }
}
