package jp.horenso.escalation.directory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.Reachable;
import jp.horenso.escalation.directory.Reachable.Reached;
import jp.horenso.escalation.directory.Reachable.Unreachable;
import jp.horenso.escalation.directory.Unit;
import jp.horenso.escalation.directory.repository.AbsenceRepository;
import jp.horenso.escalation.directory.repository.DeputyRepository;
import jp.horenso.escalation.directory.repository.PersonRepository;
import jp.horenso.escalation.directory.repository.UnitRepository;
import jp.horenso.platform.sql.TransactionMemo;

/**
 * Answers who is who in an organisation: its units, who holds which position, and who can be told right now
 * (a present holder, or a valid deputy when the position is vacant or its holders are absent).
 *
 * <p>Each answer is looked up once per transaction ({@link TransactionMemo}): a timer batch handles up to a
 * hundred time-outs in one transaction, and most of them ask the same few questions. Whatever changes the
 * directory calls {@link #changed()} in its transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DirectoryService {

    private final UnitRepository units;
    private final PersonRepository people;
    private final DeputyRepository deputies;
    private final AbsenceRepository absences;
    private final EscalationConfig config;
    private final TransactionMemo memo;

    /** The memo keys of the directory's answers. */
    private sealed interface Question {}

    private record UnitOf(String organisation, String code) implements Question {}

    private record PersonNamed(String organisation, String username) implements Question {}

    private record HoldersOf(String organisation, Position position, String unitCode) implements Question {}

    private record Absent(String organisation, List<String> usernames) implements Question {}

    private record ValidDeputies(String organisation, Position position, String unitCode) implements Question {}

    public DirectoryService(
            UnitRepository units,
            PersonRepository people,
            DeputyRepository deputies,
            AbsenceRepository absences,
            EscalationConfig config,
            TransactionMemo memo) {
        this.units = units;
        this.people = people;
        this.deputies = deputies;
        this.absences = absences;
        this.config = config;
        this.memo = memo;
    }

    /** The directory changed in this transaction (an import, an absence, an onboarding): ask again. */
    public void changed() {
        memo.forget(Question.class);
    }

    public Optional<Unit> unit(String organisation, String code) {
        return code == null
                ? Optional.empty()
                : memo.remember(new UnitOf(organisation, code), () -> units.findByCode(organisation, code));
    }

    /** A person of the organisation by user name. */
    public Optional<Person> person(String organisation, String username) {
        return username == null
                ? Optional.empty()
                : memo.remember(
                        new PersonNamed(organisation, username), () -> people.findByUsername(organisation, username));
    }

    /** Holders of a unit's position ({@code unitCode} given) or of an organisation-wide one (null). */
    public List<Person> holders(String organisation, Position position, String unitCode) {
        return memo.remember(
                new HoldersOf(organisation, position, unitCode),
                () -> people.holdersOf(organisation, position, unitCode));
    }

    private Set<String> absentNow(String organisation, List<String> usernames) {
        return memo.remember(
                new Absent(organisation, List.copyOf(usernames)), () -> absences.absentNow(organisation, usernames));
    }

    /**
     * Who to tell for a position now, leaving out {@code leaveOut} (the reporter; null for nobody): the holders
     * who are not absent; when none is, the first valid deputy who is present.
     */
    public Reachable reachable(String organisation, Position position, String unitCode, String leaveOut) {
        List<Person> holders = holders(organisation, position, unitCode);
        List<Person> candidates =
                holders.stream().filter(p -> !p.username().equals(leaveOut)).toList();
        if (!holders.isEmpty() && candidates.isEmpty()) {
            return Reachable.nobody(Unreachable.REPORTER, leaveOut);
        }
        Set<String> absent = absentNow(
                organisation, candidates.stream().map(Person::username).toList());
        List<Reached> present = candidates.stream()
                .filter(p -> !absent.contains(p.username()))
                .map(p -> new Reached(p, false, null))
                .toList();
        if (!present.isEmpty()) {
            return new Reachable(present, null, null);
        }
        String standingInFor = candidates.isEmpty() ? null : candidates.get(0).username();
        List<String> exclude =
                new ArrayList<>(candidates.stream().map(Person::username).toList());
        exclude.add(leaveOut);
        Optional<Person> deputy = presentDeputy(organisation, position, unitCode, exclude);
        if (deputy.isPresent()) {
            return new Reachable(List.of(new Reached(deputy.get(), true, standingInFor)), null, null);
        }
        return Reachable.nobody(candidates.isEmpty() ? Unreachable.VACANT : Unreachable.ABSENT, null);
    }

    /**
     * The first deputy of a position who is valid today, present, and none of {@code exclude} (the holders
     * and the reporter).
     */
    public Optional<Person> presentDeputy(
            String organisation, Position position, String unitCode, Collection<String> exclude) {
        List<String> valid = memo
                .remember(
                        new ValidDeputies(organisation, position, unitCode),
                        () -> deputies.validToday(
                                organisation,
                                position.name(),
                                unitCode,
                                config.zone().getId()))
                .stream()
                .filter(username -> exclude.stream().noneMatch(x -> Objects.equals(x, username)))
                .toList();
        Set<String> absent = absentNow(organisation, valid);
        return valid.stream()
                .filter(username -> !absent.contains(username))
                .findFirst()
                .flatMap(username -> person(organisation, username));
    }
}
