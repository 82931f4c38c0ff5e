package jp.horenso.escalation.directory.service;

import java.util.List;
import jp.horenso.escalation.chain.validation.Staffing;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.UnitKind;
import jp.horenso.escalation.directory.repository.DeputyRepository;
import jp.horenso.escalation.directory.repository.PersonRepository;
import jp.horenso.escalation.directory.repository.UnitRepository;

/** The staffing of an organisation as stored: holders, and deputies valid today by the database's clock. */
public final class StoredStaffing implements Staffing {

    private final String organisation;
    private final UnitRepository units;
    private final PersonRepository people;
    private final DeputyRepository deputies;
    private final String zone;

    public StoredStaffing(
            String organisation,
            UnitRepository units,
            PersonRepository people,
            DeputyRepository deputies,
            String zone) {
        this.organisation = organisation;
        this.units = units;
        this.people = people;
        this.deputies = deputies;
        this.zone = zone;
    }

    @Override
    public List<StaffedUnit> units(UnitKind kind) {
        return units.ofOrganisation(organisation).stream()
                .filter(u -> u.kind() == kind)
                .map(u -> new StaffedUnit(u.code(), u.nameJa(), u.nameEn(), 0))
                .toList();
    }

    @Override
    public boolean covered(Position position, String unitCode) {
        return !people.holdersOf(organisation, position, unitCode).isEmpty()
                || !deputies.validToday(organisation, position.name(), unitCode, zone)
                        .isEmpty();
    }
}
