package jp.horenso.escalation.directory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jp.horenso.escalation.directory.Deputy;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.PositionAssignment;
import jp.horenso.escalation.directory.Unit;
import jp.horenso.escalation.directory.UnitKind;
import jp.horenso.escalation.directory.exchange.DirectoryRows;
import jp.horenso.escalation.directory.repository.DeputyRepository;
import jp.horenso.escalation.directory.repository.OrganisationRepository;
import jp.horenso.escalation.directory.repository.PersonRepository;
import jp.horenso.escalation.directory.repository.PositionAssignmentRepository;
import jp.horenso.escalation.directory.repository.UnitRepository;
import jp.horenso.escalation.directory.service.DirectoryImportCheck.Checked;
import jp.horenso.platform.admintrail.AdminTrail;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import org.jboss.logging.Logger;

/**
 * The security lead replaces the organisation's directory by an import (the yearly April reorganisation): checked
 * completely first ({@link DirectoryImportCheck}), then applied all or nothing and published to the other services.
 */
@ApplicationScoped
@Transactional
public class DirectoryImportService {

    private static final Logger LOG = Logger.getLogger(DirectoryImportService.class);

    private final OrganisationRepository organisations;
    private final UnitRepository units;
    private final PersonRepository people;
    private final PositionAssignmentRepository positions;
    private final DeputyRepository deputies;
    private final EntityManager entityManager;
    private final DirectoryImportCheck importCheck;
    private final DirectoryPublisher publisher;
    private final AdminTrail trail;
    private final DirectoryService directory;

    /** The administrative trail's action for a directory import (units, people, positions and deputies). */
    public static final String DIRECTORY_IMPORTED = "DIRECTORY_IMPORTED";

    public DirectoryImportService(
            OrganisationRepository organisations,
            UnitRepository units,
            PersonRepository people,
            PositionAssignmentRepository positions,
            DeputyRepository deputies,
            EntityManager entityManager,
            DirectoryImportCheck importCheck,
            DirectoryPublisher publisher,
            AdminTrail trail,
            DirectoryService directory) {
        this.organisations = organisations;
        this.units = units;
        this.people = people;
        this.positions = positions;
        this.deputies = deputies;
        this.entityManager = entityManager;
        this.importCheck = importCheck;
        this.publisher = publisher;
        this.trail = trail;
        this.directory = directory;
    }

    /** What an import did (or, for a dry run, would do). */
    public record ImportResult(
            String organisation, int units, int people, int positions, int deputies, boolean dryRun) {}

    /**
     * Checks an import completely and, unless {@code dryRun}, replaces the caller's organisation's units, people,
     * positions and deputies with it, in one transaction. Absences of people no longer in the directory go with
     * them; cases already running keep the recipients they have.
     *
     * @throws ProblemException 422 listing every error with its line; nothing is changed
     */
    public ImportResult importDirectory(Caller caller, DirectoryRows rows, boolean dryRun) {
        String code = caller.organisation();
        // One change at a time per organisation: the check and the change see the same chain.
        if (code == null || !organisations.lock(code)) {
            throw ProblemException.notFound(
                    Message.text("組織 " + code + " はありません。", "There is no organisation " + code + "."));
        }
        Checked checked = importCheck.check(code, rows);
        if (!checked.errors().isEmpty()) {
            throw ProblemException.unprocessable(
                    "invalid-directory",
                    Message.text("組織情報を取り込めません", "Directory not imported"),
                    Message.text(
                            checked.errors().size() + " 件の誤りがあります。何も変更していません。",
                            checked.errors().size() + " error(s). Nothing was changed."),
                    checked.errors());
        }
        ImportResult result = new ImportResult(
                code, rows.units.size(), rows.people.size(), rows.positions.size(), rows.deputies.size(), dryRun);
        if (dryRun) {
            return result;
        }
        apply(code, rows, checked);
        // The new departments and sections reach the other services in the same transaction (outbox).
        publisher.publish(code);
        // 第117–119条: who changed the directory, when, and how much (the counts; the rows are in the export).
        trail.record(
                jp.horenso.platform.security.Organisation.of(code),
                caller.username(),
                DIRECTORY_IMPORTED,
                code,
                result);
        LOG.infof(
                "directory of %s replaced by %s: %d units, %d people, %d positions, %d deputies",
                code, caller.username(), result.units(), result.people(), result.positions(), result.deputies());
        return result;
    }

    /**
     * Writes checked rows as the organisation's directory, replacing what it had (nothing, for an organisation
     * being onboarded), in the caller's transaction. Publishes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String organisation, DirectoryRows rows, Checked checked) {
        entityManager.flush();
        entityManager.clear();
        directory.changed();
        // Positions and deputies point at people and units; people at units; sections at departments.
        execute("delete from deputy where organisation = :o", organisation);
        execute("delete from position_assignment where organisation = :o", organisation);
        execute("update person set unit_code = null where organisation = :o", organisation);
        execute("delete from unit where organisation = :o and parent_code is not null", organisation);
        execute("delete from unit where organisation = :o", organisation);
        rows.units.stream()
                .sorted((a, b) -> Boolean.compare("SECTION".equals(a.kind()), "SECTION".equals(b.kind())))
                .forEach(u -> units.persist(new Unit(
                        organisation,
                        u.code(),
                        UnitKind.valueOf(u.kind()),
                        u.parent().isEmpty() ? null : u.parent(),
                        u.nameJa(),
                        u.nameEn().isEmpty() ? null : u.nameEn())));
        units.flush();
        Map<String, Person> existing = new HashMap<>();
        people.ofOrganisation(organisation).forEach(p -> existing.put(p.username(), p));
        Set<String> kept = new HashSet<>();
        for (DirectoryRows.PersonRow p : rows.people) {
            kept.add(p.username());
            String locale = p.locale().isEmpty() ? "ja" : p.locale();
            String unit = p.unit().isEmpty() ? null : p.unit();
            Person person = existing.get(p.username());
            if (person == null) {
                people.persist(new Person(organisation, p.username(), p.name(), p.email(), locale, unit));
            } else {
                person.replaceEntryFromImport(p.name(), p.email(), locale, unit);
            }
        }
        // Whoever left goes, with their absences (on delete cascade).
        existing.values().stream().filter(p -> !kept.contains(p.username())).forEach(people::delete);
        people.flush();
        for (DirectoryRows.PositionRow a : rows.positions) {
            positions.persist(new PositionAssignment(
                    organisation, Position.valueOf(a.position()), a.unit().isEmpty() ? null : a.unit(), a.holder()));
        }
        for (DirectoryRows.DeputyRow d : rows.deputies) {
            LocalDate[] valid = checked.dates().get(d);
            deputies.persist(new Deputy(
                    organisation,
                    Position.valueOf(d.position()),
                    d.unit().isEmpty() ? null : d.unit(),
                    d.deputy(),
                    valid[0],
                    valid[1]));
        }
        if (rows.organisation != null && !rows.organisation.nameJa().isEmpty()) {
            organisations
                    .findById(organisation)
                    .rename(
                            rows.organisation.nameJa(),
                            rows.organisation.nameEn().isEmpty() ? null : rows.organisation.nameEn());
        }
        entityManager.flush();
    }

    private void execute(String sql, String organisation) {
        entityManager.createNativeQuery(sql).setParameter("o", organisation).executeUpdate();
    }
}
