package jp.horenso.escalation.directory.exchange;

import java.util.ArrayList;
import java.util.List;
import jp.horenso.platform.problem.FieldProblem;

/**
 * A directory as read from an import file, before any check: every value as written (text), every row with the
 * line it starts on, and what could not even be read.
 */
public final class DirectoryRows {

    /** The organisation's code and names, when the file gives them (YAML only). */
    public record OrganisationRow(int line, String code, String nameJa, String nameEn) {}

    /** A department or section. */
    public record UnitRow(int line, String code, String kind, String parent, String nameJa, String nameEn) {}

    /** A person. */
    public record PersonRow(int line, String username, String name, String email, String locale, String unit) {}

    /** That a person holds a position (of a unit, or of the organisation when {@code unit} is empty). */
    public record PositionRow(int line, String position, String unit, String holder) {}

    /** A position's deputy, valid between two dates (yyyy-MM-dd, inclusive; empty = open). */
    public record DeputyRow(
            int line, String position, String unit, String deputy, String validFrom, String validUntil) {}

    public OrganisationRow organisation;
    public final List<UnitRow> units = new ArrayList<>();
    public final List<PersonRow> people = new ArrayList<>();
    public final List<PositionRow> positions = new ArrayList<>();
    public final List<DeputyRow> deputies = new ArrayList<>();
    /** What could not be read at all (syntax, unknown columns or keys). */
    public final List<FieldProblem> unreadable = new ArrayList<>();
}
