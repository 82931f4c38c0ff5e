package jp.horenso.escalation.directory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.Unit;
import jp.horenso.escalation.directory.repository.PersonRepository;
import jp.horenso.escalation.directory.repository.UnitRepository;

/** Answers who is who in an organisation: its units and who holds which position. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DirectoryService {

    private final UnitRepository units;
    private final PersonRepository people;

    public DirectoryService(UnitRepository units, PersonRepository people) {
        this.units = units;
        this.people = people;
    }

    public Optional<Unit> unit(String organisation, String code) {
        return code == null ? Optional.empty() : units.findByCode(organisation, code);
    }

    /** Holders of a unit's position ({@code unitCode} given) or of an organisation-wide one (null). */
    public List<Person> holders(String organisation, Position position, String unitCode) {
        return people.holdersOf(organisation, position, unitCode);
    }
}
