package jp.horenso.incident.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.event.IncidentDrillMarkingChanged;
import jp.horenso.incident.cases.event.IncidentUnitChanged;
import jp.horenso.incident.cases.event.IncidentWithdrawn;
import jp.horenso.incident.cases.repository.IncidentRepository;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.directory.service.UnitDirectory;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.Organisation;

/**
 * Decisions about a whole case: the section it concerns (第44条2項), its withdrawal when filed by mistake, and its
 * drill mark (第48条). Each is a timeline entry with the reason and an event, in one transaction.
 */
@ApplicationScoped
@Transactional
public class CaseDecisionService {

    private final IncidentRepository rows;
    private final IncidentService incidents;
    private final UnitDirectory units;
    private final TimelineService timeline;
    private final Outbox outbox;
    private final JapanTime clock;

    public CaseDecisionService(
            IncidentRepository rows,
            IncidentService incidents,
            UnitDirectory units,
            TimelineService timeline,
            Outbox outbox,
            JapanTime clock) {
        this.clock = clock;
        this.rows = rows;
        this.incidents = incidents;
        this.units = units;
        this.timeline = timeline;
        this.outbox = outbox;
    }

    /**
     * The CSIRT or the security lead moves the case to the section it concerns; the chain follows the new unit and
     * so does who may see the case.
     */
    public Incident changeUnit(Caller caller, UUID id, ChangeUnit r) {
        Incident c = lockVisible(caller, id);
        CaseGuards.requireOpen(c);
        UnitDirectory.Placement placement = units.forMove(caller, c.organisation(), r.unit());
        if (placement.unit().equals(c.unit())) {
            throw new ProblemException(409, "unit.unchanged", c.number(), c.unit());
        }
        String previousUnit = c.unit();
        String previousDepartment = c.department();
        c.moveTo(placement.unit(), placement.department());
        OffsetDateTime now = clock.now();
        String reason = r.reason().strip();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("unit", beforeAfter(previousUnit, c.unit()));
        details.put("department", beforeAfter(previousDepartment, c.department()));
        details.put("reason", reason);
        timeline.append(c.id(), TimelineType.UNIT_CHANGED, now, caller.username(), details, null);

        outbox.append(
                IncidentUnitChanged.NAME,
                Organisation.of(c.organisation()),
                c.id().toString(),
                new IncidentUnitChanged(
                        c.id(),
                        c.organisation(),
                        previousUnit,
                        c.unit(),
                        c.department(),
                        reason,
                        caller.username(),
                        now,
                        c.drill()));
        return c;
    }

    /** The CSIRT withdraws a report filed by mistake: the chain stops and the record no longer changes. */
    public Incident withdraw(Caller caller, UUID id, WithdrawCase r) {
        Incident c = lockVisible(caller, id);
        CaseGuards.requireOpen(c);
        IncidentState before = c.state();
        c.withdraw();
        OffsetDateTime now = clock.now();
        String reason = r.reason().strip();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", beforeAfter(before.name(), c.state().name()));
        details.put("reason", reason);
        timeline.append(c.id(), TimelineType.WITHDRAWN, now, caller.username(), details, null);

        outbox.append(
                IncidentWithdrawn.NAME,
                Organisation.of(c.organisation()),
                c.id().toString(),
                new IncidentWithdrawn(c.id(), c.number(), reason, caller.username(), now, c.drill()));
        return c;
    }

    /**
     * Marks a case as a drill (CSIRT or security lead) or corrects it to "not a drill" (CSIRT only), with a reason
     * (第48条); later notices carry the new mark and statistics follow it.
     */
    public Incident markDrill(Caller caller, UUID id, MarkDrill r) {
        Incident c = lockVisible(caller, id);
        if (!r.drill() && !caller.hasRole(Roles.CSIRT)) {
            throw new ProblemException(403, "drill.unmark-csirt-only");
        }
        CaseGuards.requireOpen(c);
        if (c.drill() == r.drill()) {
            throw new ProblemException(409, r.drill() ? "drill.already-marked" : "drill.already-unmarked", c.number());
        }
        boolean before = c.drill();
        c.markDrill(r.drill());
        OffsetDateTime now = clock.now();
        String reason = r.reason().strip();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("drill", beforeAfter(before, c.drill()));
        details.put("reason", reason);
        timeline.append(c.id(), TimelineType.DRILL_MARKING_CHANGED, now, caller.username(), details, null);

        outbox.append(
                IncidentDrillMarkingChanged.NAME,
                Organisation.of(c.organisation()),
                c.id().toString(),
                new IncidentDrillMarkingChanged(c.id(), c.drill(), reason, caller.username(), now));
        return c;
    }

    private Incident lockVisible(Caller caller, UUID id) {
        // Row lock first: two decisions on one case apply one after the other.
        rows.findById(id, LockModeType.PESSIMISTIC_WRITE);
        return incidents.visible(caller, id);
    }

    private static Map<String, Object> beforeAfter(Object before, Object after) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", before);
        change.put("after", after);
        return change;
    }
}
