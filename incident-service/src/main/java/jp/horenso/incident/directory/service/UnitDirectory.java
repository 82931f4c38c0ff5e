package jp.horenso.incident.directory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.directory.Directory;
import jp.horenso.incident.directory.DirectoryUnit;
import jp.horenso.incident.directory.repository.DirectoryRepository;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;

/**
 * Which unit a case concerns (第44条2項, 第43条1項), checked against the directory projection. Staff and section
 * chiefs may name only their own section, department heads the sections of their department; the CSIRT, the
 * security lead and the CISO any section. The caller's own unit is always accepted, even before any directory
 * arrived; any other unit needs the directory (until it arrives it is refused as unknown).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class UnitDirectory {

    /** The unit a case concerns and its department. */
    public record Placement(String unit, String department) {}

    private final DirectoryRepository directories;

    public UnitDirectory(DirectoryRepository directories) {
        this.directories = directories;
    }

    /** The directory the service holds for the organisation, if any. */
    public Optional<Directory> directory(String organisation) {
        return directories.directory(organisation);
    }

    public List<DirectoryUnit> units(String organisation) {
        return directories.units(organisation);
    }

    /**
     * The unit a new report concerns: the one named, or the reporter's own.
     *
     * @throws ProblemException 400 naming {@code unit} when the unit is not a section of the directory
     * @throws ProblemException 403 when the reporter may not file for that section
     */
    public Placement forReport(Caller reporter, String organisation, String requested) {
        String own = reporter.unit() != null ? reporter.unit() : organisation;
        if (requested == null || requested.isBlank() || requested.strip().equals(own)) {
            return placementOf(organisation, own, reporter.department());
        }
        DirectoryUnit unit = section(organisation, requested.strip(), own);
        boolean inScope = Roles.mayNameAnyUnit(reporter)
                || reporter.hasRole(Roles.DEPARTMENT_HEAD)
                        && reporter.department() != null
                        && reporter.department().equals(unit.parent());
        if (!inScope) {
            throw new ProblemException(403, "unit.not-in-scope", unit.code(), own);
        }
        return new Placement(unit.code(), unit.department());
    }

    /**
     * The unit a case is moved to by the CSIRT or the security lead: any section of the directory.
     *
     * @throws ProblemException 400 naming {@code unit} when the unit is not a section of the directory
     */
    public Placement forMove(Caller caller, String organisation, String requested) {
        String own = caller.unit() != null ? caller.unit() : organisation;
        if (requested.strip().equals(own)) {
            return placementOf(organisation, own, caller.department());
        }
        DirectoryUnit unit = section(organisation, requested.strip(), own);
        return new Placement(unit.code(), unit.department());
    }

    private DirectoryUnit section(String organisation, String code, String own) {
        if (directories.directory(organisation).isEmpty()) {
            throw ProblemException.invalidFields(List.of(FieldProblem.of("unit", "unit.no-directory", code, own)));
        }
        return directories
                .unit(organisation, code)
                .filter(u -> u.kind() == DirectoryUnit.Kind.SECTION)
                .orElseThrow(
                        () -> ProblemException.invalidFields(List.of(FieldProblem.of("unit", "unit.unknown", code))));
    }

    /** The caller's own unit, with its department from the directory when it lists the unit. */
    private Placement placementOf(String organisation, String own, String claimedDepartment) {
        String department = directories
                .unit(organisation, own)
                .map(DirectoryUnit::department)
                .orElse(claimedDepartment);
        return new Placement(own, department);
    }
}
