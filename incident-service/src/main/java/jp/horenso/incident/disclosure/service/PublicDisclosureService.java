package jp.horenso.incident.disclosure.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import jp.horenso.incident.disclosure.DisclosurePublication;
import jp.horenso.incident.disclosure.repository.DisclosurePublicationRepository;
import jp.horenso.incident.disclosure.rest.PublicDisclosureView;
import jp.horenso.incident.disclosure.rest.PublicOrganisationDisclosureView;
import jp.horenso.platform.problem.ProblemException;

/** What anyone may read without logging in: published disclosures of real (not drill) cases, and nothing else. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PublicDisclosureService {

    private final DisclosurePublicationRepository publications;

    public PublicDisclosureService(DisclosurePublicationRepository publications) {
        this.publications = publications;
    }

    /** One organisation's published disclosures, newest first. */
    public PublicOrganisationDisclosureView.Page list(String organisation, int page, int size) {
        return new PublicOrganisationDisclosureView.Page(
                organisation,
                publications.publicPage(organisation, page, size).stream()
                        .map(p -> PublicOrganisationDisclosureView.of(p, null))
                        .toList(),
                page,
                size,
                publications.publicCount(organisation));
    }

    /** One organisation's published disclosure by its public number, with the case's other publications. */
    public PublicOrganisationDisclosureView one(String organisation, int publicNumber) {
        DisclosurePublication p = publications.publicOne(organisation, publicNumber);
        if (p == null) {
            throw new ProblemException(404, "disclosure.not-found", organisation + "/" + publicNumber);
        }
        return PublicOrganisationDisclosureView.of(p, publications.publicRelated(p));
    }

    public PublicDisclosureView one(UUID id) {
        DisclosurePublication p = publications.publicOne(id);
        if (p == null) {
            throw new ProblemException(404, "disclosure.not-found", id);
        }
        return PublicDisclosureView.of(p);
    }
}
