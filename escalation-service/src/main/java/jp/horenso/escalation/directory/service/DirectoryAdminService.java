package jp.horenso.escalation.directory.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jp.horenso.escalation.chain.ChainDefinition;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.chain.repository.ChainDefinitionRepository;
import jp.horenso.escalation.chain.validation.ChainError;
import jp.horenso.escalation.chain.validation.ChainValidator;
import jp.horenso.escalation.chain.validation.Staffing;
import jp.horenso.escalation.common.problem.ProblemException;
import jp.horenso.escalation.common.problem.ProblemException.Invalid;
import jp.horenso.escalation.common.problem.ProblemException.Text;
import jp.horenso.escalation.common.security.Caller;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.Deputy;
import jp.horenso.escalation.directory.Organisation;
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
import jp.horenso.escalation.seed.SeedDocument;
import org.jboss.logging.Logger;

/**
 * The security lead's administration of the organisation directory: the whole directory read and exported, and
 * replaced by an import (the yearly April reorganisation). An import is checked completely first — every error
 * with its line — and applied all or nothing.
 */
@ApplicationScoped
@Transactional
public class DirectoryAdminService {

    private static final Logger LOG = Logger.getLogger(DirectoryAdminService.class);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final OrganisationRepository organisations;
    private final UnitRepository units;
    private final PersonRepository people;
    private final PositionAssignmentRepository positions;
    private final DeputyRepository deputies;
    private final ChainDefinitionRepository chains;
    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final EscalationConfig config;
    private final DirectoryPublisher publisher;

    public DirectoryAdminService(OrganisationRepository organisations, UnitRepository units, PersonRepository people,
            PositionAssignmentRepository positions, DeputyRepository deputies, ChainDefinitionRepository chains,
            EntityManager entityManager, ObjectMapper mapper, EscalationConfig config, DirectoryPublisher publisher) {
        this.publisher = publisher;
        this.organisations = organisations;
        this.units = units;
        this.people = people;
        this.positions = positions;
        this.deputies = deputies;
        this.chains = chains;
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.config = config;
    }

    /** What an import did (or, for a dry run, would do). */
    public record ImportResult(String organisation, int units, int people, int positions, int deputies,
            boolean dryRun) {
    }

    /** The caller's organisation's directory, in the seed file's shape (without the chain). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SeedDocument directory(Caller caller) {
        String code = caller.organisation();
        Organisation organisation = code == null ? null : organisations.findById(code);
        if (organisation == null) {
            throw ProblemException.notFound(new Text("組織 " + code + " はありません。",
                    "There is no organisation " + code + "."));
        }
        return new SeedDocument(
                new SeedDocument.OrganisationSeed(code,
                        new SeedDocument.Name(organisation.nameJa(), organisation.nameEn())),
                units.ofOrganisation(code).stream().map(u -> new SeedDocument.UnitSeed(u.code(), u.kind(),
                        u.parentCode(), new SeedDocument.Name(u.nameJa(), u.nameEn()))).toList(),
                people.ofOrganisation(code).stream().map(p -> new SeedDocument.PersonSeed(p.username(),
                        p.displayName(), p.email(), p.locale(), p.unitCode())).toList(),
                positions.ofOrganisation(code).stream().map(a -> new SeedDocument.PositionSeed(a.position(),
                        a.unitCode(), a.username())).toList(),
                deputies.ofOrganisation(code).stream().map(d -> new SeedDocument.DeputySeed(d.position(),
                        d.unitCode(), d.username(), d.validFrom(), d.validUntil())).toList(),
                null);
    }

    /** The directory as CSV rows (see {@code CsvDirectoryFormat}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Map<String, String>> csvRows(Caller caller) {
        SeedDocument d = directory(caller);
        List<Map<String, String>> rows = new ArrayList<>();
        d.units().stream().sorted((a, b) -> Boolean.compare(a.parent() != null, b.parent() != null))
                .forEach(u -> rows.add(row("unit", u.code(), "unit", u.parent(), "kind", u.kind().name(),
                        "name_ja", u.name().ja(), "name_en", u.name().en())));
        d.people().forEach(p -> rows.add(row("person", p.username(), "unit", p.unit(), "name_ja", p.name(),
                "email", p.email(), "locale", p.locale())));
        d.positions().forEach(p -> rows.add(row("position", p.holder(), "unit", p.unit(), "position",
                p.position().name())));
        d.deputies().forEach(x -> rows.add(row("deputy", x.deputy(), "unit", x.unit(), "position",
                x.position().name(), "valid_from", x.validFrom() == null ? null : x.validFrom().toString(),
                "valid_until", x.validUntil() == null ? null : x.validUntil().toString())));
        return rows;
    }

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
            throw ProblemException.notFound(new Text("組織 " + code + " はありません。",
                    "There is no organisation " + code + "."));
        }
        Checked checked = check(code, rows);
        if (!checked.errors().isEmpty()) {
            throw ProblemException.invalid("invalid-directory",
                    new Text("組織情報を取り込めません", "Directory not imported"),
                    new Text(checked.errors().size() + " 件の誤りがあります。何も変更していません。",
                            checked.errors().size() + " error(s). Nothing was changed."),
                    checked.errors());
        }
        ImportResult result = new ImportResult(code, rows.units.size(), rows.people.size(), rows.positions.size(),
                rows.deputies.size(), dryRun);
        if (dryRun) {
            return result;
        }
        apply(code, rows, checked);
        // The new departments and sections reach the other services in the same transaction (outbox).
        publisher.publish(code);
        LOG.infof("directory of %s replaced by %s: %d units, %d people, %d positions, %d deputies", code,
                caller.username(), result.units(), result.people(), result.positions(), result.deputies());
        return result;
    }

    private record Checked(List<Invalid> errors, Map<DirectoryRows.DeputyRow, LocalDate[]> dates) {
    }

    private Checked check(String organisation, DirectoryRows rows) {
        List<Invalid> errors = new ArrayList<>(rows.unreadable);
        if (rows.organisation != null && !rows.organisation.code().isEmpty()
                && !rows.organisation.code().equals(organisation)) {
            errors.add(error(rows.organisation.line(), "organisation.code",
                    "組織コード " + rows.organisation.code() + " はあなたの組織（" + organisation + "）ではありません。",
                    "Organisation " + rows.organisation.code() + " is not yours (" + organisation + ")."));
        }
        Map<String, DirectoryRows.UnitRow> unitByCode = new HashMap<>();
        for (DirectoryRows.UnitRow u : rows.units) {
            if (u.code().isEmpty()) {
                errors.add(required(u.line(), "code"));
            } else if (unitByCode.putIfAbsent(u.code(), u) != null) {
                errors.add(error(u.line(), "code", "部署コード " + u.code() + " が重複しています（"
                        + unitByCode.get(u.code()).line() + " 行目）。", "Unit code " + u.code()
                        + " is used twice (line " + unitByCode.get(u.code()).line() + ")."));
            }
            if (!List.of("DEPARTMENT", "SECTION").contains(u.kind())) {
                errors.add(error(u.line(), "kind", "種別 '" + u.kind() + "' は DEPARTMENT か SECTION です。",
                        "Kind '" + u.kind() + "' is DEPARTMENT or SECTION."));
            }
            if (u.nameJa().isEmpty()) {
                errors.add(required(u.line(), "name"));
            }
        }
        for (DirectoryRows.UnitRow u : rows.units) {
            if ("SECTION".equals(u.kind())) {
                DirectoryRows.UnitRow parent = unitByCode.get(u.parent());
                if (parent == null || !"DEPARTMENT".equals(parent.kind())) {
                    errors.add(error(u.line(), "parent", "課 " + u.code() + " の親 '" + u.parent()
                            + "' はこの取り込みにある部ではありません。", "The parent '" + u.parent() + "' of section "
                            + u.code() + " is not a department of this import."));
                }
            } else if ("DEPARTMENT".equals(u.kind()) && !u.parent().isEmpty()) {
                errors.add(error(u.line(), "parent", "部は親を持ちません。", "A department has no parent."));
            }
        }
        Map<String, DirectoryRows.PersonRow> personByName = new HashMap<>();
        for (DirectoryRows.PersonRow p : rows.people) {
            if (p.username().isEmpty()) {
                errors.add(required(p.line(), "username"));
            } else if (personByName.putIfAbsent(p.username(), p) != null) {
                errors.add(error(p.line(), "username", "利用者名 " + p.username() + " が重複しています（"
                        + personByName.get(p.username()).line() + " 行目）。", "User name " + p.username()
                        + " is used twice (line " + personByName.get(p.username()).line() + ")."));
            }
            if (p.name().isEmpty()) {
                errors.add(required(p.line(), "name"));
            }
            if (!EMAIL.matcher(p.email()).matches()) {
                errors.add(error(p.line(), "email", "メールアドレス '" + p.email() + "' が正しくありません。",
                        "E-mail address '" + p.email() + "' is not valid."));
            }
            if (!List.of("", "ja", "en").contains(p.locale())) {
                errors.add(error(p.line(), "locale", "言語 '" + p.locale() + "' は ja か en です。",
                        "Locale '" + p.locale() + "' is ja or en."));
            }
            if (!p.unit().isEmpty() && !unitByCode.containsKey(p.unit())) {
                errors.add(unknownUnit(p.line(), p.unit()));
            }
        }
        Set<String> assignments = new HashSet<>();
        for (DirectoryRows.PositionRow a : rows.positions) {
            Position position = position(a.line(), a.position(), a.unit(), unitByCode, errors);
            if (a.holder().isEmpty() || !personByName.containsKey(a.holder())) {
                errors.add(unknownPerson(a.line(), "holder", a.holder()));
            }
            if (position != null && !assignments.add(position + "/" + a.unit() + "/" + a.holder())) {
                errors.add(error(a.line(), "position", "同じ職の割当てが重複しています。",
                        "The same position is assigned twice."));
            }
        }
        Map<DirectoryRows.DeputyRow, LocalDate[]> dates = new HashMap<>();
        for (DirectoryRows.DeputyRow d : rows.deputies) {
            position(d.line(), d.position(), d.unit(), unitByCode, errors);
            if (d.deputy().isEmpty() || !personByName.containsKey(d.deputy())) {
                errors.add(unknownPerson(d.line(), "deputy", d.deputy()));
            }
            LocalDate from = date(d.line(), "validFrom", d.validFrom(), errors);
            LocalDate until = date(d.line(), "validUntil", d.validUntil(), errors);
            if (from != null && until != null && from.isAfter(until)) {
                errors.add(error(d.line(), "validUntil", "有効期間の終わりが始まりより前です。",
                        "The validity ends before it starts."));
            }
            dates.put(d, new LocalDate[] {from, until});
        }
        if (errors.isEmpty()) {
            errors.addAll(unstaffed(organisation, rows, dates));
        }
        errors.sort((a, b) -> Integer.compare(a.line() == null ? 0 : a.line(), b.line() == null ? 0 : b.line()));
        return new Checked(errors, dates);
    }

    /** The current chain's positions the imported directory would leave without a holder or a valid deputy. */
    private List<Invalid> unstaffed(String organisation, DirectoryRows rows,
            Map<DirectoryRows.DeputyRow, LocalDate[]> dates) {
        ChainDefinition current = chains.latest(organisation).orElse(null);
        if (current == null) {
            return List.of();
        }
        ChainDocument chain;
        try {
            chain = mapper.readValue(current.definition(), ChainDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chain " + organisation + " v" + current.version() + " unreadable", e);
        }
        LocalDate today = (LocalDate) entityManager.createNativeQuery(
                "select cast(now() at time zone :zone as date)", LocalDate.class)
                .setParameter("zone", config.zone().getId()).getSingleResult();
        Staffing imported = new Staffing() {
            @Override
            public List<StaffedUnit> units(UnitKind kind) {
                return rows.units.stream().filter(u -> u.kind().equals(kind.name()))
                        .map(u -> new StaffedUnit(u.code(), u.nameJa(), u.nameEn().isEmpty() ? null : u.nameEn(),
                                u.line()))
                        .toList();
            }

            @Override
            public boolean covered(Position position, String unitCode) {
                String unit = unitCode == null ? "" : unitCode;
                return rows.positions.stream().anyMatch(a -> a.position().equals(position.name())
                        && a.unit().equals(unit))
                        || rows.deputies.stream().anyMatch(d -> d.position().equals(position.name())
                                && d.unit().equals(unit) && validOn(dates.get(d), today));
            }
        };
        List<Invalid> errors = new ArrayList<>();
        for (ChainError e : ChainValidator.staffing(chain, imported)) {
            errors.add(new Invalid("positions", e.line(), new Text(
                    "報告経路（版 " + current.version() + "）が使う職: " + e.message().ja(),
                    "A position the chain (version " + current.version() + ") uses: " + e.message().en())));
        }
        return errors;
    }

    private void apply(String organisation, DirectoryRows rows, Checked checked) {
        entityManager.flush();
        entityManager.clear();
        // Positions and deputies point at people and units; people at units; sections at departments.
        execute("delete from deputy where organisation = :o", organisation);
        execute("delete from position_assignment where organisation = :o", organisation);
        execute("update person set unit_code = null where organisation = :o", organisation);
        execute("delete from unit where organisation = :o and parent_code is not null", organisation);
        execute("delete from unit where organisation = :o", organisation);
        rows.units.stream().sorted((a, b) -> Boolean.compare("SECTION".equals(a.kind()), "SECTION".equals(b.kind())))
                .forEach(u -> units.persist(new Unit(organisation, u.code(), UnitKind.valueOf(u.kind()),
                        u.parent().isEmpty() ? null : u.parent(), u.nameJa(),
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
                person.update(p.name(), p.email(), locale, unit);
            }
        }
        // Whoever left goes, with their absences (on delete cascade).
        existing.values().stream().filter(p -> !kept.contains(p.username())).forEach(people::delete);
        people.flush();
        for (DirectoryRows.PositionRow a : rows.positions) {
            positions.persist(new PositionAssignment(organisation, Position.valueOf(a.position()),
                    a.unit().isEmpty() ? null : a.unit(), a.holder()));
        }
        for (DirectoryRows.DeputyRow d : rows.deputies) {
            LocalDate[] valid = checked.dates().get(d);
            deputies.persist(new Deputy(organisation, Position.valueOf(d.position()),
                    d.unit().isEmpty() ? null : d.unit(), d.deputy(), valid[0], valid[1]));
        }
        if (rows.organisation != null && !rows.organisation.nameJa().isEmpty()) {
            organisations.findById(organisation).rename(rows.organisation.nameJa(),
                    rows.organisation.nameEn().isEmpty() ? null : rows.organisation.nameEn());
        }
        entityManager.flush();
    }

    private void execute(String sql, String organisation) {
        entityManager.createNativeQuery(sql).setParameter("o", organisation).executeUpdate();
    }

    private static Position position(int line, String value, String unit, Map<String, DirectoryRows.UnitRow> units,
            List<Invalid> errors) {
        Position position;
        try {
            position = Position.valueOf(value);
        } catch (IllegalArgumentException e) {
            errors.add(error(line, "position", "職 '" + value + "' はありません（SECTION_CHIEF、DEPARTMENT_HEAD、"
                    + "SECURITY_LEAD、CSIRT、CISO、VICE_CISO、COMMITTEE）。", "There is no position '" + value
                    + "' (SECTION_CHIEF, DEPARTMENT_HEAD, SECURITY_LEAD, CSIRT, CISO, VICE_CISO, COMMITTEE)."));
            return null;
        }
        if (!position.isOfUnit()) {
            if (!unit.isEmpty()) {
                errors.add(error(line, "unit", position + " は組織全体の職で、部署を持ちません。",
                        position + " is a position of the whole organisation and has no unit."));
            }
            return position;
        }
        String kind = position == Position.SECTION_CHIEF ? "SECTION" : "DEPARTMENT";
        DirectoryRows.UnitRow row = units.get(unit);
        if (row == null) {
            errors.add(unknownUnit(line, unit));
        } else if (!kind.equals(row.kind())) {
            errors.add(error(line, "unit", position + " の部署 " + unit + " は " + kind + " ではありません。",
                    "The unit " + unit + " of " + position + " is not a " + kind + "."));
        }
        return position;
    }

    private static LocalDate date(int line, String field, String value, List<Invalid> errors) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(error(line, field, "日付 '" + value + "' は yyyy-MM-dd ではありません。",
                    "Date '" + value + "' is not yyyy-MM-dd."));
            return null;
        }
    }

    private static boolean validOn(LocalDate[] valid, LocalDate day) {
        return valid != null && (valid[0] == null || !day.isBefore(valid[0]))
                && (valid[1] == null || !day.isAfter(valid[1]));
    }

    private static Map<String, String> row(String type, String id, String... pairs) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("type", type);
        row.put("id", id);
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
        }
        return row;
    }

    private static Invalid required(int line, String field) {
        return error(line, field, field + " は必須です。", field + " is required.");
    }

    private static Invalid unknownUnit(int line, String unit) {
        return error(line, "unit", "部署 '" + unit + "' はこの取り込みにありません。",
                "Unit '" + unit + "' is not in this import.");
    }

    private static Invalid unknownPerson(int line, String field, String username) {
        return error(line, field, "'" + username + "' はこの取り込みの people にいません。",
                "'" + username + "' is not among the people of this import.");
    }

    private static Invalid error(int line, String field, String ja, String en) {
        return new Invalid(field, line, new Text(ja, en));
    }
}
