package jp.horenso.escalation.directory.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jp.horenso.escalation.chain.ChainDefinition;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.chain.repository.ChainDefinitionRepository;
import jp.horenso.escalation.chain.validation.ChainError;
import jp.horenso.escalation.chain.validation.ChainValidator;
import jp.horenso.escalation.chain.validation.Staffing;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.UnitKind;
import jp.horenso.escalation.directory.exchange.DirectoryRows;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.sql.DirectSql;

/**
 * Checks a directory import completely before anything changes: every row on its own, the references between
 * rows, and that the organisation's current chain still finds a holder or a valid deputy for every position it
 * uses. Every error carries its line.
 */
@ApplicationScoped
public class DirectoryImportCheck {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final ChainDefinitionRepository chains;
    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final EscalationConfig config;

    public DirectoryImportCheck(
            ChainDefinitionRepository chains,
            EntityManager entityManager,
            ObjectMapper mapper,
            EscalationConfig config) {
        this.chains = chains;
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.config = config;
    }

    /** The errors of an import (empty when it may be applied) and the deputies' validity dates as parsed. */
    public record Checked(List<FieldProblem> errors, Map<DirectoryRows.DeputyRow, LocalDate[]> dates) {}

    /** Checks the rows of an import into {@code organisation}; the caller holds the organisation's lock. */
    public Checked check(String organisation, DirectoryRows rows) {
        List<FieldProblem> errors = new ArrayList<>(rows.unreadable);
        if (rows.organisation != null
                && !rows.organisation.code().isEmpty()
                && !rows.organisation.code().equals(organisation)) {
            errors.add(error(
                    rows.organisation.line(),
                    "organisation.code",
                    "組織コード " + rows.organisation.code() + " はあなたの組織（" + organisation + "）ではありません。",
                    "Organisation " + rows.organisation.code() + " is not yours (" + organisation + ")."));
        }
        Map<String, DirectoryRows.UnitRow> unitByCode = new HashMap<>();
        for (DirectoryRows.UnitRow u : rows.units) {
            if (u.code().isEmpty()) {
                errors.add(required(u.line(), "code"));
            } else if (unitByCode.putIfAbsent(u.code(), u) != null) {
                errors.add(error(
                        u.line(),
                        "code",
                        "部署コード " + u.code() + " が重複しています（"
                                + unitByCode.get(u.code()).line() + " 行目）。",
                        "Unit code " + u.code() + " is used twice (line "
                                + unitByCode.get(u.code()).line() + ")."));
            }
            if (!List.of("DEPARTMENT", "SECTION").contains(u.kind())) {
                errors.add(error(
                        u.line(),
                        "kind",
                        "種別 '" + u.kind() + "' は DEPARTMENT か SECTION です。",
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
                    errors.add(error(
                            u.line(),
                            "parent",
                            "課 " + u.code() + " の親 '" + u.parent() + "' はこの取り込みにある部ではありません。",
                            "The parent '" + u.parent() + "' of section " + u.code()
                                    + " is not a department of this import."));
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
                errors.add(error(
                        p.line(),
                        "username",
                        "利用者名 " + p.username() + " が重複しています（"
                                + personByName.get(p.username()).line() + " 行目）。",
                        "User name " + p.username() + " is used twice (line "
                                + personByName.get(p.username()).line() + ")."));
            }
            if (p.name().isEmpty()) {
                errors.add(required(p.line(), "name"));
            }
            if (!EMAIL.matcher(p.email()).matches()) {
                errors.add(error(
                        p.line(),
                        "email",
                        "メールアドレス '" + p.email() + "' が正しくありません。",
                        "E-mail address '" + p.email() + "' is not valid."));
            }
            if (!List.of("", "ja", "en").contains(p.locale())) {
                errors.add(error(
                        p.line(),
                        "locale",
                        "言語 '" + p.locale() + "' は ja か en です。",
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
                errors.add(error(a.line(), "position", "同じ職の割当てが重複しています。", "The same position is assigned twice."));
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
                errors.add(error(d.line(), "validUntil", "有効期間の終わりが始まりより前です。", "The validity ends before it starts."));
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
    private List<FieldProblem> unstaffed(
            String organisation, DirectoryRows rows, Map<DirectoryRows.DeputyRow, LocalDate[]> dates) {
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
        Staffing imported = staffing(rows, dates);
        List<FieldProblem> errors = new ArrayList<>();
        for (ChainError e : ChainValidator.staffing(chain, imported)) {
            errors.add(new FieldProblem(
                    "positions",
                    e.line(),
                    Message.text(
                            "報告経路（版 " + current.version() + "）が使う職: "
                                    + e.message().in(Locale.JAPANESE),
                            "A position the chain (version " + current.version() + ") uses: "
                                    + e.message().in(Locale.ENGLISH))));
        }
        return errors;
    }

    /**
     * Who would hold the positions once {@code rows} are imported (a holder, or a deputy valid today in the
     * organisations' zone), for checking a chain against a directory not stored yet.
     */
    public Staffing staffing(DirectoryRows rows, Map<DirectoryRows.DeputyRow, LocalDate[]> dates) {
        // Not through Hibernate's native-query API with a result class: it would add a plan-cache entry per call.
        LocalDate today = DirectSql.unflushed(
                        entityManager,
                        "select cast(now() at time zone ? as date)",
                        row -> row.getObject(1, LocalDate.class),
                        config.zone().getId())
                .orElseThrow();
        return new Staffing() {
            @Override
            public List<StaffedUnit> units(UnitKind kind) {
                return rows.units.stream()
                        .filter(u -> u.kind().equals(kind.name()))
                        .map(u -> new StaffedUnit(
                                u.code(), u.nameJa(), u.nameEn().isEmpty() ? null : u.nameEn(), u.line()))
                        .toList();
            }

            @Override
            public boolean covered(Position position, String unitCode) {
                String unit = unitCode == null ? "" : unitCode;
                return rows.positions.stream()
                                .anyMatch(a -> a.position().equals(position.name())
                                        && a.unit().equals(unit))
                        || rows.deputies.stream()
                                .anyMatch(d -> d.position().equals(position.name())
                                        && d.unit().equals(unit)
                                        && validOn(dates.get(d), today));
            }
        };
    }

    private static Position position(
            int line, String value, String unit, Map<String, DirectoryRows.UnitRow> units, List<FieldProblem> errors) {
        Position position;
        try {
            position = Position.valueOf(value);
        } catch (IllegalArgumentException e) {
            errors.add(error(
                    line,
                    "position",
                    "職 '" + value + "' はありません（SECTION_CHIEF、DEPARTMENT_HEAD、"
                            + "SECURITY_LEAD、CSIRT、CISO、VICE_CISO、COMMITTEE）。",
                    "There is no position '" + value
                            + "' (SECTION_CHIEF, DEPARTMENT_HEAD, SECURITY_LEAD, CSIRT, CISO, VICE_CISO, COMMITTEE)."));
            return null;
        }
        if (!position.isOfUnit()) {
            if (!unit.isEmpty()) {
                errors.add(error(
                        line,
                        "unit",
                        position + " は組織全体の職で、部署を持ちません。",
                        position + " is a position of the whole organisation and has no unit."));
            }
            return position;
        }
        String kind = position == Position.SECTION_CHIEF ? "SECTION" : "DEPARTMENT";
        DirectoryRows.UnitRow row = units.get(unit);
        if (row == null) {
            errors.add(unknownUnit(line, unit));
        } else if (!kind.equals(row.kind())) {
            errors.add(error(
                    line,
                    "unit",
                    position + " の部署 " + unit + " は " + kind + " ではありません。",
                    "The unit " + unit + " of " + position + " is not a " + kind + "."));
        }
        return position;
    }

    private static LocalDate date(int line, String field, String value, List<FieldProblem> errors) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(error(
                    line,
                    field,
                    "日付 '" + value + "' は yyyy-MM-dd ではありません。",
                    "Date '" + value + "' is not yyyy-MM-dd."));
            return null;
        }
    }

    private static boolean validOn(LocalDate[] valid, LocalDate day) {
        return valid != null
                && (valid[0] == null || !day.isBefore(valid[0]))
                && (valid[1] == null || !day.isAfter(valid[1]));
    }

    private static FieldProblem required(int line, String field) {
        return error(line, field, field + " は必須です。", field + " is required.");
    }

    private static FieldProblem unknownUnit(int line, String unit) {
        return error(line, "unit", "部署 '" + unit + "' はこの取り込みにありません。", "Unit '" + unit + "' is not in this import.");
    }

    private static FieldProblem unknownPerson(int line, String field, String username) {
        return error(
                line,
                field,
                "'" + username + "' はこの取り込みの people にいません。",
                "'" + username + "' is not among the people of this import.");
    }

    private static FieldProblem error(int line, String field, String ja, String en) {
        return new FieldProblem(field, line, Message.text(ja, en));
    }
}
