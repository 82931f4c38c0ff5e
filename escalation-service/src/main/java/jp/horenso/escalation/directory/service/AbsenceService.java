package jp.horenso.escalation.directory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.horenso.escalation.directory.Absence;
import jp.horenso.escalation.directory.repository.AbsenceRepository;
import jp.horenso.escalation.directory.repository.PersonRepository;
import jp.horenso.platform.admintrail.AdminTrail;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;

/** Records when people cannot be reached, so that their hops go to their position's deputy meanwhile. */
@ApplicationScoped
@Transactional
public class AbsenceService {

    /** The administrative trail's action when an absence is recorded. */
    public static final String ABSENCE_RECORDED = "ABSENCE_RECORDED";
    /** The administrative trail's action when an absence is removed (the person came back early, a mistake). */
    public static final String ABSENCE_CANCELLED = "ABSENCE_CANCELLED";

    private final AbsenceRepository absences;
    private final PersonRepository people;
    private final AdminTrail trail;
    private final DirectoryService directory;

    public AbsenceService(
            AbsenceRepository absences, PersonRepository people, AdminTrail trail, DirectoryService directory) {
        this.absences = absences;
        this.people = people;
        this.trail = trail;
        this.directory = directory;
    }

    /** What the trail records of an absence: whose and when, not why (a reason may be personal, e.g. sick leave). */
    public record AbsenceDetail(long id, String username, Instant startsAt, Instant endsAt) {

        static AbsenceDetail of(Absence absence) {
            return new AbsenceDetail(absence.id(), absence.username(), absence.startsAt(), absence.endsAt());
        }
    }

    /** The absences of the caller's organisation not yet over. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Absence> current(Caller caller) {
        return absences.currentAndFuture(caller.organisation());
    }

    /**
     * Records an absence.
     *
     * @throws ProblemException 422 naming every invalid field
     */
    public Absence add(Caller caller, String username, Instant startsAt, Instant endsAt, String reason) {
        List<FieldProblem> errors = new ArrayList<>();
        if (username == null
                || people.findByUsername(caller.organisation(), username).isEmpty()) {
            errors.add(new FieldProblem(
                    "username",
                    null,
                    Message.text(
                            "組織に " + username + " という人はいません。",
                            "There is nobody called " + username + " in the organisation.")));
        }
        if (startsAt == null || endsAt == null || !startsAt.isBefore(endsAt)) {
            errors.add(new FieldProblem(
                    "endsAt", null, Message.text("終了は開始より後にしてください。", "The end must come after the start.")));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(
                    "invalid-absence",
                    Message.text("不在を記録できません", "Invalid absence"),
                    Message.text("不在の内容に誤りがあります。", "The absence is not valid."),
                    errors);
        }
        Absence absence = new Absence(caller.organisation(), username, startsAt, endsAt, reason, caller.username());
        absences.persist(absence);
        absences.flush();
        directory.changed();
        trail.record(
                caller.organisationRef(),
                caller.username(),
                ABSENCE_RECORDED,
                "absence/" + absence.id(),
                AbsenceDetail.of(absence));
        return absence;
    }

    /** Removes an absence (e.g. the person came back early). */
    public void remove(Caller caller, long id) {
        Absence absence = absences.findByIdOptional(id)
                .filter(a -> a.organisation().equals(caller.organisation()))
                .orElseThrow(() -> ProblemException.notFound(
                        Message.text("不在 " + id + " はありません。", "There is no absence " + id + ".")));
        absences.delete(absence);
        directory.changed();
        trail.record(
                caller.organisationRef(),
                caller.username(),
                ABSENCE_CANCELLED,
                "absence/" + absence.id(),
                AbsenceDetail.of(absence));
    }
}
