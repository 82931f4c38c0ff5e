package jp.horenso.escalation.seed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.ChainDefinition;
import jp.horenso.escalation.chain.repository.ChainDefinitionRepository;
import jp.horenso.escalation.chain.service.ChainCatalog;
import jp.horenso.escalation.chain.validation.ChainError;
import jp.horenso.escalation.chain.validation.ChainValidator;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.Deputy;
import jp.horenso.escalation.directory.Organisation;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.PositionAssignment;
import jp.horenso.escalation.directory.Unit;
import jp.horenso.escalation.directory.repository.DeputyRepository;
import jp.horenso.escalation.directory.repository.OrganisationRepository;
import jp.horenso.escalation.directory.repository.PersonRepository;
import jp.horenso.escalation.directory.repository.PositionAssignmentRepository;
import jp.horenso.escalation.directory.repository.UnitRepository;
import jp.horenso.escalation.directory.service.StoredStaffing;
import org.jboss.logging.Logger;

/** Writes a seed file's organisation (directory and chain version 1) unless the organisation exists. */
@ApplicationScoped
@Transactional
public class OrganisationSeeder {

    private static final Logger LOG = Logger.getLogger(OrganisationSeeder.class);

    private final OrganisationRepository organisations;
    private final UnitRepository units;
    private final PersonRepository people;
    private final PositionAssignmentRepository positions;
    private final ChainDefinitionRepository chains;
    private final ChainCatalog catalog;
    private final DeputyRepository deputies;
    private final EscalationConfig config;

    public OrganisationSeeder(
            OrganisationRepository organisations,
            UnitRepository units,
            PersonRepository people,
            PositionAssignmentRepository positions,
            ChainDefinitionRepository chains,
            ChainCatalog catalog,
            DeputyRepository deputies,
            EscalationConfig config) {
        this.deputies = deputies;
        this.config = config;
        this.organisations = organisations;
        this.units = units;
        this.people = people;
        this.positions = positions;
        this.chains = chains;
        this.catalog = catalog;
    }

    /**
     * Seeds the organisation.
     *
     * @return {@code false} when it was in the database already (the database, not the file, is then the truth)
     */
    public boolean seed(SeedDocument seed) {
        String code = seed.organisation().code();
        // Checks the chain before anything is written: a broken seed must stop the start-up, not half-load.
        Chain.of(code, 1, seed.chain());
        // Insert-first claims the organisation, so replicas starting together seed it once.
        if (!organisations.insertIfAbsent(new Organisation(
                code,
                seed.organisation().name().ja(),
                seed.organisation().name().en()))) {
            return false;
        }
        // Departments before their sections (the parent is a foreign key).
        List<SeedDocument.UnitSeed> unitSeeds = seed.units().stream()
                .sorted(Comparator.comparing(u -> u.parent() != null))
                .toList();
        for (SeedDocument.UnitSeed unit : unitSeeds) {
            units.persist(new Unit(
                    code,
                    unit.code(),
                    unit.kind(),
                    unit.parent(),
                    unit.name().ja(),
                    unit.name().en()));
        }
        for (SeedDocument.PersonSeed person : seed.people()) {
            people.persist(new Person(
                    code,
                    person.username(),
                    person.name(),
                    person.email(),
                    person.locale() == null ? "ja" : person.locale(),
                    person.unit()));
        }
        for (SeedDocument.PositionSeed position : seed.positions()) {
            positions.persist(new PositionAssignment(code, position.position(), position.unit(), position.holder()));
        }
        for (SeedDocument.DeputySeed deputy : seed.deputiesOrNone()) {
            deputies.persist(new Deputy(
                    code, deputy.position(), deputy.unit(), deputy.deputy(), deputy.validFrom(), deputy.validUntil()));
        }
        deputies.flush();
        List<ChainError> unstaffed = ChainValidator.staffing(
                seed.chain(),
                new StoredStaffing(code, units, people, deputies, config.zone().getId()));
        if (!unstaffed.isEmpty()) {
            throw new IllegalStateException("seed of " + code + ": "
                    + unstaffed.stream()
                            .map(e -> e.field() + ": " + e.message().in(Locale.ENGLISH))
                            .toList());
        }
        chains.persist(new ChainDefinition(code, 1, catalog.toJson(seed.chain()), "seed"));
        LOG.infof(
                "seeded organisation %s: %d units, %d people, %d positions, chain v1",
                code, unitSeeds.size(), seed.people().size(), seed.positions().size());
        return true;
    }
}
