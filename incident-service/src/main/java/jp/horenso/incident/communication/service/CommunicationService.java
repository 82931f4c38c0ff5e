package jp.horenso.incident.communication.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.service.CaseGuards;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.communication.Communication;
import jp.horenso.incident.communication.Communication.Kind;
import jp.horenso.incident.communication.repository.CommunicationRepository;
import jp.horenso.incident.communication.rest.CommunicationView;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;

/**
 * Records notices to the persons concerned, information to citizens and reports to outside bodies (第44条3項,
 * regulatory.md R1 本人通知), each with a timeline entry. A legal report to the commission is recorded here as a
 * communication and, to stop its legal clock, as a submission of the legal duty.
 */
@ApplicationScoped
@Transactional
public class CommunicationService {

    private final IncidentService incidents;
    private final CommunicationRepository communications;
    private final TimelineService timeline;
    private final JapanTime clock;

    public CommunicationService(
            IncidentService incidents,
            CommunicationRepository communications,
            TimelineService timeline,
            JapanTime clock) {
        this.clock = clock;
        this.incidents = incidents;
        this.communications = communications;
        this.timeline = timeline;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CommunicationView> list(Caller caller, UUID incidentId, Kind kind) {
        Incident incident = incidents.visible(caller, incidentId);
        return communications.of(incident.id(), kind).stream()
                .map(CommunicationView::of)
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CommunicationView show(Caller caller, UUID incidentId, UUID communicationId) {
        Incident incident = incidents.visible(caller, incidentId);
        Communication c = communications.of(incident.id(), communicationId);
        if (c == null) {
            throw new ProblemException(404, "communication.not-found", incident.number(), communicationId);
        }
        return CommunicationView.of(c);
    }

    /** The notices to the persons concerned of a case, in the order they were made. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Communication> noticesToPersons(UUID incidentId) {
        return communications.of(incidentId, Kind.NOTICE_TO_PERSONS);
    }

    public CommunicationView record(Caller caller, UUID incidentId, RecordCommunication r) {
        Incident incident = incidents.visible(caller, incidentId);
        CaseGuards.requireNotWithdrawn(incident);
        if (incident.state() == IncidentState.CLOSED) {
            throw new ProblemException(409, "response.case-closed", incident.number());
        }
        check(incident, r);
        Communication c = Communication.recorded(
                incident.id(),
                r.kind(),
                r.recipient(),
                blankToNull(r.recipientName()),
                r.persons(),
                r.method(),
                r.communicatedAt().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                blankToNull(r.reference()),
                blankToNull(r.summary()),
                caller.username(),
                clock.now());
        communications.persist(c);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("communicationId", c.id().toString());
        details.put("kind", c.kind().name());
        details.put("recipient", c.recipient() == null ? null : c.recipient().name());
        details.put("recipientName", c.recipientName());
        details.put("persons", c.persons());
        details.put("method", c.method() == null ? null : c.method().name());
        details.put("communicatedAt", c.communicatedAt().toString());
        details.put("reference", c.reference());
        details.put("summary", c.summary());
        timeline.append(
                incident.id(), TimelineType.COMMUNICATION_RECORDED, c.recordedAt(), caller.username(), details, null);
        return CommunicationView.of(c);
    }

    /** What each kind needs and what it must not carry; every problem is reported on its field at once. */
    private static void check(Incident incident, RecordCommunication r) {
        List<FieldProblem> invalid = new ArrayList<>();
        switch (r.kind()) {
            case NOTICE_TO_PERSONS -> {
                required(invalid, "persons", r.persons());
                required(invalid, "method", r.method());
                notForKind(invalid, "recipient", r.recipient(), r.kind());
                notForKind(invalid, "recipientName", blankToNull(r.recipientName()), r.kind());
            }
            case INFORMATION_TO_CITIZENS -> {
                required(invalid, "method", r.method());
                notForKind(invalid, "recipient", r.recipient(), r.kind());
                notForKind(invalid, "recipientName", blankToNull(r.recipientName()), r.kind());
                notForKind(invalid, "persons", r.persons(), r.kind());
            }
            case REPORT_TO_OUTSIDE_BODY -> {
                required(invalid, "recipient", r.recipient());
                if (r.recipient() == Communication.Recipient.OTHER) {
                    required(invalid, "recipientName", blankToNull(r.recipientName()));
                }
                notForKind(invalid, "persons", r.persons(), r.kind());
            }
        }
        if (r.communicatedAt().isBefore(incident.occurredAt())) {
            invalid.add(FieldProblem.of("communicatedAt", "communication.before-occurrence"));
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalidFields(invalid);
        }
    }

    private static void required(List<FieldProblem> invalid, String field, Object value) {
        if (value == null) {
            invalid.add(FieldProblem.of(field, "communication.field-required"));
        }
    }

    private static void notForKind(List<FieldProblem> invalid, String field, Object value, Kind kind) {
        if (value != null) {
            invalid.add(FieldProblem.of(field, "communication.field-not-for-kind", kind.name()));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
