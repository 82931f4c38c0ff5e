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
        return find("incidentId = ?1 AND draftVersion = ?2", incidentId, draftVersion)
                .firstResult();
    }

    /** One organisation's published, real disclosures, newest first (the public site's list). */
    public List<DisclosurePublication> publicPage(String organisation, int page, int size) {
        return find("organisation = ?1 AND drill = false ORDER BY publishedAt DESC, publicNumber DESC", organisation)
                .page(Page.of(page, size))
                .list();
    }

    public long publicCount(String organisation) {
        return count("organisation = ?1 AND drill = false", organisation);
    }

    /** One organisation's published, real disclosure by its public number, or null. */
    public DisclosurePublication publicOne(String organisation, int publicNumber) {
        return find("organisation = ?1 AND publicNumber = ?2 AND drill = false", organisation, publicNumber)
                .firstResult();
    }

    /** The other published, real disclosures of the same case (earlier facts, later follow-ups), oldest first. */
    public List<DisclosurePublication> publicRelated(DisclosurePublication p) {
        return list(
                "incidentId = ?1 AND id <> ?2 AND drill = false ORDER BY publishedAt, publicNumber",
                p.incidentId(),
                p.id());
    }

    /** The next public number of an organisation; the caller holds the organisation's numbering lock. */
    public int nextPublicNumber(String organisation) {
        Integer max = getEntityManager()
                .createQuery(
                        "SELECT max(p.publicNumber) FROM DisclosurePublication p WHERE p.organisation = :o",
                        Integer.class)
                .setParameter("o", organisation)
                .getSingleResult();
        return max == null ? 1 : max + 1;
    }

    /** Serialises numbering per organisation until the transaction ends. */
    public void lockNumbering(String organisation) {
        getEntityManager()
                .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", "disclosure_publication.public_number:" + organisation)
                .getSingleResult();
    }

    /** A published, real disclosure, or null. */
    public DisclosurePublication publicOne(UUID id) {
        return find("id = ?1 AND drill = false", id).firstResult();
    }
}
