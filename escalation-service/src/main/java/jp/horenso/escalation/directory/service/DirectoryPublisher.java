package jp.horenso.escalation.directory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;
import jp.horenso.escalation.directory.Organisation;
import jp.horenso.escalation.directory.Unit;
import jp.horenso.escalation.directory.event.DirectoryPublished;
import jp.horenso.escalation.directory.event.DirectoryPublished.Name;
import jp.horenso.escalation.directory.event.DirectoryPublished.PublishedUnit;
import jp.horenso.escalation.directory.repository.OrganisationRepository;
import jp.horenso.escalation.directory.repository.UnitRepository;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.time.DatabaseClock;

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
    private final Outbox outbox;
    private final DatabaseClock clock;

    public DirectoryPublisher(
            OrganisationRepository organisations, UnitRepository units, Outbox outbox, DatabaseClock clock) {
        this.organisations = organisations;
        this.units = units;
        this.outbox = outbox;
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
                .map(u ->
                        new PublishedUnit(u.code(), u.kind().name(), u.parentCode(), new Name(u.nameJa(), u.nameEn())))
                .toList();
        var now = clock.transactionTime();
        outbox.append(
                DirectoryPublished.NAME,
                jp.horenso.platform.security.Organisation.of(organisationCode),
                organisationCode,
                now,
                new DirectoryPublished(
                        organisationCode, new Name(organisation.nameJa(), organisation.nameEn()), now, published));
    }
}
