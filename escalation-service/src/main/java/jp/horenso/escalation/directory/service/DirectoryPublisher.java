package jp.horenso.escalation.directory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;
import jp.horenso.escalation.publishing.EventPublisher;
import jp.horenso.escalation.common.time.DatabaseClock;
import jp.horenso.escalation.directory.Organisation;
import jp.horenso.escalation.directory.Unit;
import jp.horenso.escalation.directory.repository.OrganisationRepository;
import jp.horenso.escalation.directory.repository.UnitRepository;
import jp.horenso.escalation.hop.event.EscalationEvents;
import jp.horenso.escalation.hop.event.EscalationEvents.Name;
import jp.horenso.escalation.hop.event.EscalationEvents.PublishedUnit;

/**
 * Publishes an organisation's departments and sections (DirectoryPublished, key = the organisation code) through
 * the outbox, so that other services can check the unit a case concerns (第44条2項) against the directory. Sent
 * at every start-up and after every directory import; people and positions are not published.
 */
@ApplicationScoped
@Transactional
public class DirectoryPublisher {

    private final OrganisationRepository organisations;
    private final UnitRepository units;
    private final EventPublisher publisher;
    private final DatabaseClock clock;

    public DirectoryPublisher(OrganisationRepository organisations, UnitRepository units, EventPublisher publisher,
            DatabaseClock clock) {
        this.organisations = organisations;
        this.units = units;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes the organisation's units as they stand in this transaction. */
    public void publish(String organisationCode) {
        Organisation organisation = organisations.findById(organisationCode);
        if (organisation == null) {
            throw new IllegalArgumentException("no organisation " + organisationCode);
        }
        units.flush();
        List<PublishedUnit> published = units.ofOrganisation(organisationCode).stream()
                .sorted(Comparator.comparing((Unit u) -> u.parentCode() != null).thenComparing(Unit::code))
                .map(u -> new PublishedUnit(u.code(), u.kind().name(), u.parentCode(), new Name(u.nameJa(), u.nameEn())))
                .toList();
        var now = clock.transactionTime();
        publisher.publish("DirectoryPublished", organisationCode, now,
                new EscalationEvents.DirectoryPublished(organisationCode,
                        new Name(organisation.nameJa(), organisation.nameEn()), now, published));
    }
}
