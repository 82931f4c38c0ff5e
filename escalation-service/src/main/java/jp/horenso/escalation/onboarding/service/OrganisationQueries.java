package jp.horenso.escalation.onboarding.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import jp.horenso.escalation.directory.Organisation;
import jp.horenso.escalation.directory.repository.OrganisationRepository;

/** The installation's organisations and their profiles, for the installation administrator. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OrganisationQueries {

    private final OrganisationRepository organisations;
    private final ObjectMapper mapper;

    public OrganisationQueries(OrganisationRepository organisations, ObjectMapper mapper) {
        this.organisations = organisations;
        this.mapper = mapper;
    }

    /** An organisation's profile as the list shows it (no people, no cases). */
    public record OrganisationView(
            String code,
            String nameJa,
            String nameEn,
            String caseNumberPrefix,
            String classificationScheme,
            String contactJa,
            String contactEn,
            List<String> publicContacts,
            String onboardedBy,
            Instant onboardedAt) {

        static OrganisationView of(Organisation o, List<String> publicContacts) {
            return new OrganisationView(
                    o.code(),
                    o.nameJa(),
                    o.nameEn(),
                    o.caseNumberPrefix(),
                    o.classificationScheme(),
                    o.contactJa(),
                    o.contactEn(),
                    publicContacts,
                    o.onboardedBy(),
                    o.onboardedAt());
        }
    }

    public List<OrganisationView> all() {
        return organisations.listAll().stream()
                .map(o -> OrganisationView.of(o, contacts(o)))
                .sorted(java.util.Comparator.comparing(OrganisationView::code))
                .toList();
    }

    private List<String> contacts(Organisation organisation) {
        try {
            return List.of(mapper.readValue(organisation.publicContactsJson(), String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("public contacts of " + organisation.code() + " unreadable", e);
        }
    }
}
