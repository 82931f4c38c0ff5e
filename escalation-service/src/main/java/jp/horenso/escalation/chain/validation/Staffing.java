package jp.horenso.escalation.chain.validation;

import java.util.List;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.UnitKind;

/**
 * Who holds the positions of an organisation, as the chain check needs it: the stored directory (when a chain
 * is written) or an imported one (when a directory is imported for the current chain).
 */
public interface Staffing {

    /** The units of a kind, in a stable order. */
    List<StaffedUnit> units(UnitKind kind);

    /**
     * Whether someone can receive {@code position} of {@code unitCode} (null: of the organisation): a holder,
     * or a deputy valid today.
     */
    boolean covered(Position position, String unitCode);

    /** A unit as the error messages name it; {@code line} is its line in an imported file (0 otherwise). */
    record StaffedUnit(String code, String nameJa, String nameEn, int line) {}
}
