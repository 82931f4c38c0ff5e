package jp.horenso.incident.response.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.service.CaseGuards;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.response.ResponseAction;
import jp.horenso.incident.response.ResponseAction.Kind;
import jp.horenso.incident.response.ResponseAction.Status;
import jp.horenso.incident.response.event.ResponseActionRecorded;
import jp.horenso.incident.response.event.ResponseActionRevised;
import jp.horenso.incident.response.event.ResponseActionStatusChanged;
import jp.horenso.incident.response.repository.ResponseActionRepository;
import jp.horenso.incident.response.rest.ResponseActionView;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.incident.timeline.service.TimelineVisibility;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.Organisation;

/**
 * Records containment, recovery and recurrence-prevention actions (第44条3–4項) and their progress. The CSIRT and the
 * security lead record every kind; the section chief and department head of the case's unit record and update the
 * containment and recovery their unit carries out on the CSIRT's instruction (第44条3項). Every change goes on the
 * timeline with its before and after, and is published for dashboards.
 */
@ApplicationScoped
@Transactional
public class ResponseActionService {

    private final IncidentService incidents;
    private final ResponseActionRepository actions;
    private final TimelineService timeline;
    private final JapanTime clock;
    private final Outbox outbox;

    public ResponseActionService(
            IncidentService incidents,
            ResponseActionRepository actions,
            TimelineService timeline,
            Outbox outbox,
            JapanTime clock) {
        this.clock = clock;
        this.incidents = incidents;
        this.actions = actions;
        this.timeline = timeline;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ResponseActionView> list(Caller caller, UUID incidentId, Kind kind, Status status) {
        Incident incident = incidents.visible(caller, incidentId);
        requireMoreThanReporter(caller, incident);
        LocalDate today = clock.today();
        return actions.of(incident.id(), kind, status).stream()
                .map(a -> ResponseActionView.of(a, today))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ResponseActionView show(Caller caller, UUID incidentId, UUID actionId) {
        Incident incident = incidents.visible(caller, incidentId);
        requireMoreThanReporter(caller, incident);
        return ResponseActionView.of(action(incident, actionId), clock.today());
    }

    public ResponseActionView record(Caller caller, UUID incidentId, RecordResponseAction r) {
        Incident incident = incidents.visible(caller, incidentId);
        requireMayWrite(caller, incident, r.kind());
        List<FieldProblem> invalid = new ArrayList<>();
        checkOwner(invalid, r.ownerUnit(), r.ownerPerson());
        if (r.status() == Status.CANCELLED) {
            invalid.add(FieldProblem.of("status", "response.cancelled-on-record"));
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalidFields(invalid);
        }
        OffsetDateTime now = clock.now();
        ResponseAction a = ResponseAction.recorded(
                incident.id(),
                r.kind(),
                r.description().strip(),
                blankToNull(r.ownerUnit()),
                blankToNull(r.ownerPerson()),
                r.dueDate(),
                r.status() == null ? Status.PLANNED : r.status(),
                caller.username(),
                now);
        actions.persist(a);
        actions.flush();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actionId", a.id().toString());
        details.put("kind", a.kind().name());
        details.putAll(state(a));
        timeline.append(incident.id(), TimelineType.RESPONSE_ACTION_RECORDED, now, caller.username(), details, null);

        outbox.append(
                ResponseActionRecorded.NAME,
                Organisation.of(incident.organisation()),
                incident.id().toString(),
                new ResponseActionRecorded(
                        incident.id(),
                        a.id(),
                        a.kind(),
                        a.ownerUnit(),
                        a.ownerPerson(),
                        a.dueDate(),
                        a.status(),
                        a.version(),
                        incident.drill(),
                        caller.username(),
                        now));
        return ResponseActionView.of(a, clock.today());
    }

    public ResponseActionView update(
            Caller caller, UUID incidentId, UUID actionId, Long expectedVersion, UpdateResponseAction r) {
        Incident incident = incidents.visible(caller, incidentId);
        ResponseAction a = action(incident, actionId);
        requireMayWrite(caller, incident, a.kind());
        if (expectedVersion == null) {
            throw new ProblemException(428, "precondition.required");
        }
        if (expectedVersion != a.version()) {
            throw new ProblemException(412, "response.action-stale", a.id());
        }
        List<FieldProblem> invalid = new ArrayList<>();
        checkOwner(invalid, r.ownerUnit(), r.ownerPerson());
        if (!invalid.isEmpty()) {
            throw ProblemException.invalidFields(invalid);
        }
        if (a.status().isFinal()) {
            throw new ProblemException(409, "response.action-final", a.status().name());
        }
        if (r.status() != a.status() && !a.status().canBecome(r.status())) {
            throw new ProblemException(
                    409,
                    "response.status-transition",
                    a.status().name(),
                    r.status().name());
        }

        Status previousStatus = a.status();
        Map<String, Object> before = state(a);
        OffsetDateTime now = clock.now();
        a.revise(r.description().strip(), blankToNull(r.ownerUnit()), blankToNull(r.ownerPerson()), r.dueDate());
        if (r.status() != previousStatus) {
            a.moveTo(r.status(), now);
        }
        Map<String, Object> after = state(a);
        Map<String, Object> changes = new LinkedHashMap<>();
        before.forEach((field, old) -> {
            if (!Objects.equals(old, after.get(field))) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("before", old);
                change.put("after", after.get(field));
                changes.put(field, change);
            }
        });
        if (changes.isEmpty()) {
            return ResponseActionView.of(a, clock.today());
        }
        a.changed(caller.username(), now);
        try {
            actions.flush();
        } catch (OptimisticLockException e) {
            // Someone wrote between our read and our write: the same answer as a stale If-Match.
            throw new ProblemException(412, "response.action-stale", a.id());
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actionId", a.id().toString());
        details.put("kind", a.kind().name());
        details.put("changes", changes);
        timeline.append(incident.id(), TimelineType.RESPONSE_ACTION_UPDATED, now, caller.username(), details, null);

        List<String> revised =
                changes.keySet().stream().filter(f -> !f.equals("status")).toList();
        if (!revised.isEmpty()) {
            outbox.append(
                    ResponseActionRevised.NAME,
                    Organisation.of(incident.organisation()),
                    incident.id().toString(),
                    new ResponseActionRevised(
                            incident.id(),
                            a.id(),
                            a.kind(),
                            a.ownerUnit(),
                            a.ownerPerson(),
                            a.dueDate(),
                            a.status(),
                            a.version(),
                            incident.drill(),
                            revised,
                            caller.username(),
                            now));
        }
        if (a.status() != previousStatus) {
            outbox.append(
                    ResponseActionStatusChanged.NAME,
                    Organisation.of(incident.organisation()),
                    incident.id().toString(),
                    new ResponseActionStatusChanged(
                            incident.id(),
                            a.id(),
                            a.kind(),
                            a.ownerUnit(),
                            a.ownerPerson(),
                            a.dueDate(),
                            a.status(),
                            a.version(),
                            incident.drill(),
                            previousStatus,
                            caller.username(),
                            now,
                            a.startedAt(),
                            a.completedAt(),
                            a.cancelledAt()));
        }
        return ResponseActionView.of(a, clock.today());
    }

    /** The recurrence-prevention measures of a case that were not cancelled, in the order they were recorded. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ResponseAction> recurrencePrevention(UUID incidentId) {
        return actions.of(incidentId, Kind.RECURRENCE_PREVENTION, null).stream()
                .filter(a -> a.status() != Status.CANCELLED)
                .toList();
    }

    /**
     * CSIRT and security lead write every kind of action. The section chief and department head of the case's own
     * unit write containment and recovery, which their unit carries out (第44条3項); recurrence prevention is the
     * CSIRT's proposal to the CISO (第44条4–5項). A closed case takes no more actions.
     */
    private static void requireMayWrite(Caller caller, Incident incident, Kind kind) {
        CaseGuards.requireNotWithdrawn(incident);
        if (incident.state() == IncidentState.CLOSED) {
            throw new ProblemException(409, "response.case-closed", incident.number());
        }
        if (caller.hasRole(Roles.CSIRT) || caller.hasRole(Roles.SECURITY_LEAD)) {
            return;
        }
        boolean ownUnit = caller.hasRole(Roles.SECTION_CHIEF)
                        && caller.unit() != null
                        && caller.unit().equals(incident.unit())
                || caller.hasRole(Roles.DEPARTMENT_HEAD)
                        && caller.department() != null
                        && caller.department().equals(incident.department());
        if (!ownUnit) {
            throw new ProblemException(403, "response.not-own-unit", incident.number());
        }
        if (kind == Kind.RECURRENCE_PREVENTION) {
            throw new ProblemException(403, "response.recurrence-prevention-by-csirt");
        }
    }

    private static void checkOwner(List<FieldProblem> invalid, String unit, String person) {
        boolean hasUnit = blankToNull(unit) != null;
        boolean hasPerson = blankToNull(person) != null;
        if (hasUnit == hasPerson) {
            invalid.add(FieldProblem.of("ownerUnit", "response.one-owner"));
            invalid.add(FieldProblem.of("ownerPerson", "response.one-owner"));
        }
    }

    private ResponseAction action(Incident incident, UUID actionId) {
        ResponseAction a = actions.of(incident.id(), actionId);
        if (a == null) {
            throw new ProblemException(404, "response.action-not-found", incident.number(), actionId);
        }
        return a;
    }

    /** The fields a change can touch, as plain JSON values for the timeline. */
    private static Map<String, Object> state(ResponseAction a) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("description", a.description());
        s.put("ownerUnit", a.ownerUnit());
        s.put("ownerPerson", a.ownerPerson());
        s.put("dueDate", a.dueDate() == null ? null : a.dueDate().toString());
        s.put("status", a.status().name());
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Microseconds, as PostgreSQL keeps them, so what we answer is what a later read shows. */

    /** The response's contents are for those who handle or review the case, not for its reporter only (README). */
    private static void requireMoreThanReporter(Caller caller, Incident incident) {
        if (TimelineVisibility.of(caller, incident) == TimelineVisibility.Audience.REPORTER) {
            throw ProblemException.forbidden(Message.key("response.reporter-not-allowed", incident.number()));
        }
    }
}
