package jp.horenso.incident.disclosure.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import jp.horenso.incident.common.problem.ProblemException;
import jp.horenso.incident.disclosure.DisclosurePublication;
import jp.horenso.incident.disclosure.repository.DisclosurePublicationRepository;
import jp.horenso.incident.disclosure.rest.PublicDisclosureView;

/** What anyone may read without logging in: published disclosures of real (not drill) cases, and nothing else. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PublicDisclosureService {

    private final DisclosurePublicationRepository publications;

    public PublicDisclosureService(DisclosurePublicationRepository publications) {
        this.publications = publications;
    }

    public PublicDisclosureView.Page list(int page, int size) {
        return new PublicDisclosureView.Page(publications.publicPage(page, size).stream()
                .map(PublicDisclosureView::of).toList(), page, size, publications.publicCount());
    }

    public PublicDisclosureView one(UUID id) {
        DisclosurePublication p = publications.publicOne(id);
        if (p == null) {
            throw new ProblemException(404, "disclosure.not-found", id);
        }
        return PublicDisclosureView.of(p);
    }
}
