package jp.horenso.escalation.directory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.escalation.directory.Organisation;
import jp.horenso.escalation.directory.repository.DeputyRepository;
import jp.horenso.escalation.directory.repository.OrganisationRepository;
import jp.horenso.escalation.directory.repository.PersonRepository;
import jp.horenso.escalation.directory.repository.PositionAssignmentRepository;
import jp.horenso.escalation.directory.repository.UnitRepository;
import jp.horenso.escalation.seed.SeedDocument;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;

/**
 * Reads the caller's organisation's whole directory (units, people, positions, deputies) for the security lead
 * and the auditors, in the seed file's shape or as the rows of a CSV export.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DirectoryExportService {

    private final OrganisationRepository organisations;
    private final UnitRepository units;
    private final PersonRepository people;
    private final PositionAssignmentRepository positions;
    private final DeputyRepository deputies;

    public DirectoryExportService(
            OrganisationRepository organisations,
            UnitRepository units,
            PersonRepository people,
            PositionAssignmentRepository positions,
            DeputyRepository deputies) {
        this.organisations = organisations;
        this.units = units;
        this.people = people;
        this.positions = positions;
        this.deputies = deputies;
    }

    /** The caller's organisation's directory, in the seed file's shape (without the chain). */
    public SeedDocument directory(Caller caller) {
        String code = caller.organisation();
        Organisation organisation = code == null ? null : organisations.findById(code);
        if (organisation == null) {
            throw ProblemException.notFound(
                    Message.text("組織 " + code + " はありません。", "There is no organisation " + code + "."));
        }
        return new SeedDocument(
                new SeedDocument.OrganisationSeed(
                        code, new SeedDocument.Name(organisation.nameJa(), organisation.nameEn())),
                units.ofOrganisation(code).stream()
                        .map(u -> new SeedDocument.UnitSeed(
                                u.code(), u.kind(), u.parentCode(), new SeedDocument.Name(u.nameJa(), u.nameEn())))
                        .toList(),
                people.ofOrganisation(code).stream()
                        .map(p -> new SeedDocument.PersonSeed(
                                p.username(), p.displayName(), p.email(), p.locale(), p.unitCode()))
                        .toList(),
                positions.ofOrganisation(code).stream()
                        .map(a -> new SeedDocument.PositionSeed(a.position(), a.unitCode(), a.username()))
                        .toList(),
                deputies.ofOrganisation(code).stream()
                        .map(d -> new SeedDocument.DeputySeed(
                                d.position(), d.unitCode(), d.username(), d.validFrom(), d.validUntil()))
                        .toList(),
                null);
    }

    /** The directory as CSV rows (see {@code CsvDirectoryFormat}). */
    public List<Map<String, String>> csvRows(Caller caller) {
        SeedDocument d = directory(caller);
        List<Map<String, String>> rows = new ArrayList<>();
        d.units().stream()
                .sorted((a, b) -> Boolean.compare(a.parent() != null, b.parent() != null))
                .forEach(u -> rows.add(row(
                        "unit",
                        u.code(),
                        "unit",
                        u.parent(),
                        "kind",
                        u.kind().name(),
                        "name_ja",
                        u.name().ja(),
                        "name_en",
                        u.name().en())));
        d.people()
                .forEach(p -> rows.add(row(
                        "person",
                        p.username(),
                        "unit",
                        p.unit(),
                        "name_ja",
                        p.name(),
                        "email",
                        p.email(),
                        "locale",
                        p.locale())));
        d.positions()
                .forEach(p -> rows.add(row(
                        "position",
                        p.holder(),
                        "unit",
                        p.unit(),
                        "position",
                        p.position().name())));
        d.deputies()
                .forEach(x -> rows.add(row(
                        "deputy",
                        x.deputy(),
                        "unit",
                        x.unit(),
                        "position",
                        x.position().name(),
                        "valid_from",
                        x.validFrom() == null ? null : x.validFrom().toString(),
                        "valid_until",
                        x.validUntil() == null ? null : x.validUntil().toString())));
        return rows;
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
}
