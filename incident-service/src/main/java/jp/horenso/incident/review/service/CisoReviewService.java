package jp.horenso.incident.review.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import jp.horenso.incident.assessment.legal.LegalDutyRepository;
import jp.horenso.incident.assessment.legal.LegalDutyRules;
import jp.horenso.incident.assessment.rest.LegalDutyView;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.service.CaseGuards;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.repository.IncidentRepository;
import jp.horenso.incident.cases.rest.IncidentView;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.events.EventPublisher;
import jp.horenso.incident.common.problem.InvalidFieldsException;
import jp.horenso.incident.common.problem.ProblemException;
import jp.horenso.incident.common.security.Caller;
import jp.horenso.incident.response.ResponseAction;
import jp.horenso.incident.review.CisoReport;
import jp.horenso.incident.review.CommitteeReport;
import jp.horenso.incident.review.event.CisoReportSubmitted;
import jp.horenso.incident.review.event.CisoReviewDecided;
import jp.horenso.incident.review.event.CommitteeReportRecorded;
import jp.horenso.incident.review.event.IncidentClosed;
import jp.horenso.incident.review.repository.CisoReportRepository;
import jp.horenso.incident.review.repository.MeasureQuery;
import jp.horenso.incident.review.rest.CisoReportView;
import jp.horenso.incident.review.rest.ReviewStatusView;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.repository.TimelineRepository;
import jp.horenso.incident.timeline.service.TimelineService;

/**
 * The CSIRT's report to the CISO and the CISO's review (第44条4–6項), and closing the case. A report freezes the
 * whole record with its SHA-256; the CISO accepts or returns the latest report once, and never accepts a
 * recurrence-prevention measure they wrote themselves (第14条). Every step locks the case, so two decisions on one
 * case run one after the other.
 */
@ApplicationScoped
@Transactional
public class CisoReviewService {

    /** The snapshot format; a reader can tell future shapes apart. */
    static final String SNAPSHOT_FORMAT = "horenso.ciso-report/1";

    private final IncidentRepository incidentRows;
    private final IncidentService incidents;
    private final CisoReportRepository reports;
    private final MeasureQuery measures;
    private final LegalDutyRepository duties;
    private final LegalDutyRules legalRules;
    private final TimelineRepository timelineRows;
    private final TimelineService timeline;
    private final EventPublisher events;
    private final ObjectMapper mapper;

    public CisoReviewService(IncidentRepository incidentRows, IncidentService incidents, CisoReportRepository reports,
            MeasureQuery measures, LegalDutyRepository duties, LegalDutyRules legalRules,
            TimelineRepository timelineRows, TimelineService timeline, EventPublisher events, ObjectMapper mapper) {
        this.incidentRows = incidentRows;
        this.incidents = incidents;
        this.reports = reports;
        this.measures = measures;
        this.duties = duties;
        this.legalRules = legalRules;
        this.timelineRows = timelineRows;
        this.timeline = timeline;
        this.events = events;
        this.mapper = mapper;
    }

    /** The CSIRT reports the record to the CISO (第44条4項): a new version with a frozen snapshot. */
    public CisoReport submit(Caller caller, UUID incidentId, String summary) {
        Incident c = lockVisible(caller, incidentId);
        requireOpen(c);
        CisoReport previous = reports.latest(c.id);
        OffsetDateTime now = now();

        CisoReport report = new CisoReport();
        report.id = UUID.randomUUID();
        report.incidentId = c.id;
        report.version = previous == null ? 1 : previous.version + 1;
        report.submittedBy = caller.username();
        report.submittedAt = now;
        List<ResponseAction> actions = measures.of(c.id);
        report.snapshot = snapshot(c, report, blankToNull(summary), actions);
        report.sha256 = sha256(report.snapshot);
        reports.persist(report);

        IncidentState before = c.state;
        c.state = IncidentState.UNDER_CISO_REVIEW;
        long measuresInForce = recurrencePrevention(actions).count();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reportVersion", report.version);
        details.put("sha256", report.sha256);
        details.put("recurrencePreventionMeasures", measuresInForce);
        details.put("state", beforeAfter(before.name(), c.state.name()));
        if (previous != null && !previous.decided()) {
            details.put("supersedesUndecidedVersion", previous.version);
        }
        timeline.append(c.id, TimelineType.CISO_REPORT_SUBMITTED, now, caller.username(), details, null);

        events.publish(c.id, CisoReportSubmitted.NAME, new CisoReportSubmitted(c.id, c.number, report.version,
                report.sha256, measuresInForce, report.submittedBy, report.submittedAt, c.drill));
        return report;
    }

    /**
     * The CISO accepts the latest report or returns it with instructions (第44条5項), once. Accepting is refused to
     * whoever wrote one of its recurrence-prevention measures or submitted it (第14条(1)).
     */
    public CisoReport decide(Caller caller, UUID incidentId, int version, DecideReview r) {
        Incident c = lockVisible(caller, incidentId);
        requireOpen(c);
        CisoReport report = report(c, version);
        CisoReport latest = reports.latest(c.id);
        if (latest.version != report.version) {
            throw new ProblemException(409, "review.not-latest", report.version, latest.version);
        }
        if (report.decided()) {
            throw new ProblemException(409, "review.already-decided", report.version, report.decidedBy);
        }
        String instructions = blankToNull(r.instructions());
        if (r.decision() == CisoReport.Decision.RETURN && instructions == null) {
            throw new InvalidFieldsException(List.of(
                    new InvalidFieldsException.Invalid("instructions", "field.instructions-required")));
        }
        if (r.decision() == CisoReport.Decision.ACCEPT) {
            JsonNode snapshot = parse(report.snapshot);
            if (measureAuthors(snapshot).contains(caller.username())) {
                throw new ProblemException(403, "review.separation-of-duties.measure-author", caller.username(),
                        report.version);
            }
            if (caller.username().equals(report.submittedBy)) {
                throw new ProblemException(403, "review.separation-of-duties.submitter", caller.username(),
                        report.version);
            }
            if (measuresInForce(snapshot) == 0) {
                throw new ProblemException(409, "review.no-recurrence-prevention", report.version);
            }
        }

        OffsetDateTime now = now();
        report.decision = r.decision();
        report.instructions = instructions;
        report.decidedBy = caller.username();
        report.decidedAt = now;
        IncidentState stateBefore = c.state;
        c.state = r.decision() == CisoReport.Decision.ACCEPT ? IncidentState.ACCEPTED_BY_CISO
                : IncidentState.RETURNED_BY_CISO;
        boolean severeBefore = c.severeJudgedByCiso;
        if (r.severe() != null) {
            c.severeJudgedByCiso = r.severe();
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reportVersion", report.version);
        details.put("decision", report.decision.name());
        details.put("instructions", instructions);
        details.put("state", beforeAfter(stateBefore.name(), c.state.name()));
        if (severeBefore != c.severeJudgedByCiso) {
            details.put("severeJudgedByCiso", beforeAfter(severeBefore, c.severeJudgedByCiso));
        }
        timeline.append(c.id, TimelineType.CISO_REVIEW_DECIDED, now, caller.username(), details, null);

        // The CSIRT is told what to change (第44条5項); null when the report was accepted.
        events.publish(c.id, CisoReviewDecided.NAME, new CisoReviewDecided(c.id, report.version, report.decision,
                c.state, c.severeJudgedByCiso, report.decidedBy, report.decidedAt, c.drill, report.instructions));
        return report;
    }

    /**
     * The CISO records reporting the case to the committee (第44条6項). Reporting to the committee is the CISO's
     * judgement that the case is severe, so the case is marked so if it was not yet.
     */
    public CommitteeReport recordCommitteeReport(Caller caller, UUID incidentId, RecordCommitteeReport r) {
        Incident c = lockVisible(caller, incidentId);
        requireOpen(c);
        CisoReport latest = reports.latest(c.id);
        if (latest == null) {
            throw new ProblemException(409, "review.no-report", c.number);
        }
        if (c.committeeReportedAt != null) {
            throw new ProblemException(409, "review.committee-already-reported", c.number,
                    c.committeeReportedAt.toString());
        }
        OffsetDateTime now = now();
        CommitteeReport row = new CommitteeReport();
        row.incidentId = c.id;
        row.reportedAt = r.reportedAt();
        row.reference = r.reference().strip();
        row.reportVersion = latest.version;
        row.recordedBy = caller.username();
        row.recordedAt = now;
        reports.getEntityManager().persist(row);
        c.committeeReportedAt = r.reportedAt();
        boolean severeBefore = c.severeJudgedByCiso;
        c.severeJudgedByCiso = true;

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reportedAt", r.reportedAt().toString());
        details.put("reference", row.reference);
        details.put("reportVersion", row.reportVersion);
        if (!severeBefore) {
            details.put("severeJudgedByCiso", beforeAfter(false, true));
        }
        timeline.append(c.id, TimelineType.COMMITTEE_REPORTED, now, caller.username(), details, null);

        events.publish(c.id, CommitteeReportRecorded.NAME, new CommitteeReportRecorded(c.id, row.reportedAt,
                row.reference, row.reportVersion, row.recordedBy, c.drill));
        return row;
    }

    /**
     * Closes the case: only once the CISO accepted its recurrence prevention and, for a case the CISO judged
     * severe, the committee report is recorded (第44条5–6項).
     */
    public Incident close(Caller caller, UUID incidentId) {
        Incident c = lockVisible(caller, incidentId);
        CaseGuards.requireNotWithdrawn(c);
        if (c.state == IncidentState.CLOSED) {
            throw new ProblemException(409, "closing.already-closed", c.number, c.closedAt.toString());
        }
        List<String> missing = missing(c);
        if (!missing.isEmpty()) {
            throw new ProblemException(409, "closing.missing." + String.join(".", missing), c.number, c.state.name());
        }
        OffsetDateTime now = now();
        IncidentState before = c.state;
        c.state = IncidentState.CLOSED;
        c.closedAt = now;
        CisoReport accepted = reports.latestAccepted(c.id);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", beforeAfter(before.name(), c.state.name()));
        details.put("acceptedReportVersion", accepted.version);
        details.put("severeJudgedByCiso", c.severeJudgedByCiso);
        details.put("committeeReportedAt", c.committeeReportedAt == null ? null : c.committeeReportedAt.toString());
        timeline.append(c.id, TimelineType.CLOSED, now, caller.username(), details, null);

        events.publish(c.id, IncidentClosed.NAME, new IncidentClosed(c.id, c.number, now, caller.username(),
                accepted.version, c.severeJudgedByCiso, c.committeeReportedAt, c.drill));
        return c;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CisoReportView> list(Caller caller, UUID incidentId) {
        Incident c = incidents.visible(caller, incidentId);
        List<CisoReport> all = reports.of(c.id);
        int latest = all.isEmpty() ? 0 : all.get(all.size() - 1).version;
        return all.stream().map(r -> CisoReportView.of(r, r.version == latest, null)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CisoReportView show(Caller caller, UUID incidentId, int version) {
        Incident c = incidents.visible(caller, incidentId);
        CisoReport r = report(c, version);
        return CisoReportView.of(r, reports.latest(c.id).version == r.version, parse(r.snapshot));
    }

    /** The snapshot exactly as stored and hashed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CisoReport raw(Caller caller, UUID incidentId, int version) {
        return report(incidents.visible(caller, incidentId), version);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReviewStatusView status(Caller caller, UUID incidentId) {
        return status(incidents.visible(caller, incidentId));
    }

    /** The review state of a case the caller has already been allowed to see. */
    private ReviewStatusView status(Incident c) {
        CisoReport latest = reports.latest(c.id);
        CisoReport accepted = reports.latestAccepted(c.id);
        CommitteeReport committee = reports.getEntityManager().find(CommitteeReport.class, c.id);
        List<String> missing = c.state == IncidentState.CLOSED ? List.of() : missing(c);
        List<ReviewStatusView.Missing> gaps = missing.stream().map(CisoReviewService::describe).toList();
        return new ReviewStatusView(c.number, c.state, latest == null ? null : latest.version,
                accepted == null ? null : accepted.version, c.severeJudgedByCiso,
                committee == null ? null : new ReviewStatusView.CommitteeReportView(committee.reportedAt,
                        committee.reference, committee.reportVersion, committee.recordedBy),
                c.closedAt, c.state != IncidentState.CLOSED && missing.isEmpty(), gaps);
    }

    /** The recurrence-prevention texts of the latest accepted report, for publication (第44条7項); null if none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AcceptedRecurrencePrevention acceptedRecurrencePrevention(UUID incidentId) {
        CisoReport accepted = reports.latestAccepted(incidentId);
        if (accepted == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode a : parse(accepted.snapshot).path("responseActions")) {
            if (inForceRecurrencePrevention(a)) {
                texts.add(a.path("description").asText());
            }
        }
        return new AcceptedRecurrencePrevention(accepted.version, texts);
    }

    /** The recurrence prevention the CISO accepted: the report version and the measures' texts. */
    public record AcceptedRecurrencePrevention(int reportVersion, List<String> measures) {
    }

    private static List<String> missing(Incident c) {
        List<String> missing = new ArrayList<>();
        if (c.state != IncidentState.ACCEPTED_BY_CISO) {
            missing.add("acceptance");
        }
        if (c.severeJudgedByCiso && c.committeeReportedAt == null) {
            missing.add("committee-report");
        }
        return missing;
    }

    private static ReviewStatusView.Missing describe(String code) {
        return switch (code) {
            case "acceptance" -> new ReviewStatusView.Missing(code, "CISO による再発防止策の承認（第44条5項）",
                    "The CISO's acceptance of the recurrence prevention (Art. 44(5))");
            default -> new ReviewStatusView.Missing(code, "委員会への報告の記録（第44条6項）",
                    "The record of the report to the committee (Art. 44(6))");
        };
    }

    private Incident lockVisible(Caller caller, UUID incidentId) {
        // Load with a row lock first: the access check below then sees the same, locked entity.
        incidentRows.findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
        return incidents.visible(caller, incidentId);
    }

    private static void requireOpen(Incident c) {
        CaseGuards.requireNotWithdrawn(c);
        if (c.state == IncidentState.CLOSED) {
            throw new ProblemException(409, "review.case-closed", c.number);
        }
    }

    private CisoReport report(Incident c, int version) {
        CisoReport r = reports.find(c.id, version);
        if (r == null) {
            throw new ProblemException(404, "review.report-not-found", c.number, version);
        }
        return r;
    }

    /** The whole record as the CSIRT reports it: case, severity with reasons, legal duties, response actions. */
    private String snapshot(Incident c, CisoReport report, String summary, List<ResponseAction> actions) {
        OffsetDateTime now = report.submittedAt;
        List<LegalDutyView> legal = duties.of(c.id).stream()
                .map(d -> LegalDutyView.of(d, legalRules.nameOf(d.key.code()), now)).toList();
        ObjectNode caseNode = mapper.valueToTree(IncidentView.of(c, legal, List.of()));
        // The timeline is the separate, hash-chained trail; the snapshot names its head instead.
        caseNode.remove("timeline");
        // The informant (第43条1項) is personal data kept with the case only; the report travels to the committee.
        caseNode.remove("informant");

        ObjectNode s = mapper.createObjectNode();
        s.put("format", SNAPSHOT_FORMAT);
        s.put("incidentId", c.id.toString());
        s.put("incidentNumber", c.number);
        s.put("reportVersion", report.version);
        s.put("submittedBy", report.submittedBy);
        s.put("submittedAt", report.submittedAt.toString());
        s.put("summary", summary);
        s.set("case", caseNode);
        ArrayNode list = s.putArray("responseActions");
        for (ResponseAction a : actions) {
            ObjectNode n = list.addObject();
            n.put("id", a.id.toString());
            n.put("kind", a.kind.name());
            n.put("description", a.description);
            n.put("ownerUnit", a.ownerUnit);
            n.put("ownerPerson", a.ownerPerson);
            n.put("dueDate", a.dueDate == null ? null : a.dueDate.toString());
            n.put("status", a.status.name());
            n.put("createdBy", a.createdBy);
            n.put("createdAt", text(a.createdAt));
            n.put("updatedBy", a.updatedBy);
            n.put("updatedAt", text(a.updatedAt));
            n.put("startedAt", text(a.startedAt));
            n.put("completedAt", text(a.completedAt));
            n.put("cancelledAt", text(a.cancelledAt));
        }
        ArrayNode authors = s.putArray("recurrencePreventionAuthors");
        new TreeSet<>(actions.stream().filter(a -> a.kind == ResponseAction.Kind.RECURRENCE_PREVENTION)
                .map(a -> a.createdBy).toList()).forEach(authors::add);
        TimelineEntry head = timelineRows.lastOf(c.id);
        ObjectNode headNode = s.putObject("timelineHead");
        headNode.put("seq", head == null ? 0 : head.seq);
        headNode.put("hash", head == null ? null : head.hash);
        try {
            return mapper.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.stream.Stream<ResponseAction> recurrencePrevention(List<ResponseAction> actions) {
        return actions.stream().filter(a -> a.kind == ResponseAction.Kind.RECURRENCE_PREVENTION
                && a.status != ResponseAction.Status.CANCELLED);
    }

    /** Whoever wrote a recurrence-prevention measure of the snapshot (cancelled ones too: they still wrote it). */
    private static TreeSet<String> measureAuthors(JsonNode snapshot) {
        TreeSet<String> authors = new TreeSet<>();
        for (JsonNode a : snapshot.path("responseActions")) {
            if (ResponseAction.Kind.RECURRENCE_PREVENTION.name().equals(a.path("kind").asText())) {
                authors.add(a.path("createdBy").asText());
            }
        }
        return authors;
    }

    private static long measuresInForce(JsonNode snapshot) {
        long n = 0;
        for (JsonNode a : snapshot.path("responseActions")) {
            if (inForceRecurrencePrevention(a)) {
                n++;
            }
        }
        return n;
    }

    private static boolean inForceRecurrencePrevention(JsonNode a) {
        return ResponseAction.Kind.RECURRENCE_PREVENTION.name().equals(a.path("kind").asText())
                && !ResponseAction.Status.CANCELLED.name().equals(a.path("status").asText());
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot is not JSON", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> beforeAfter(Object before, Object after) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", before);
        change.put("after", after);
        return change;
    }

    private static String text(OffsetDateTime at) {
        return at == null ? null : at.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static OffsetDateTime now() {
        // Microseconds, as PostgreSQL keeps them, so what the API returns now reads back the same later.
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
