package jp.horenso.incident.review.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
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
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.rest.IncidentView;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.response.ResponseAction;
import jp.horenso.incident.review.CisoReport;
import jp.horenso.incident.review.event.CisoReportSubmitted;
import jp.horenso.incident.review.repository.CisoReportRepository;
import jp.horenso.incident.review.repository.MeasureQuery;
import jp.horenso.incident.review.rest.CisoReportView;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.repository.TimelineRepository;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.Organisation;

/**
 * The CSIRT's report to the CISO (第44条4項): each submission freezes the whole record with its SHA-256 as a new
 * version; the reports, their snapshots and the recurrence prevention the CISO accepted are read from here.
 */
@ApplicationScoped
@Transactional
public class CisoReportService {

    /** The snapshot format; a reader can tell future shapes apart. */
    static final String SNAPSHOT_FORMAT = "horenso.ciso-report/1";

    private final IncidentService incidents;
    private final CisoReportRepository reports;
    private final MeasureQuery measures;
    private final LegalDutyRepository duties;
    private final LegalDutyRules legalRules;
    private final TimelineRepository timelineRows;
    private final TimelineService timeline;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final JapanTime clock;
    private final ReviewCases cases;

    public CisoReportService(
            IncidentService incidents,
            CisoReportRepository reports,
            MeasureQuery measures,
            LegalDutyRepository duties,
            LegalDutyRules legalRules,
            TimelineRepository timelineRows,
            TimelineService timeline,
            Outbox outbox,
            ObjectMapper mapper,
            ReviewCases cases,
            JapanTime clock) {
        this.clock = clock;
        this.incidents = incidents;
        this.reports = reports;
        this.measures = measures;
        this.duties = duties;
        this.legalRules = legalRules;
        this.timelineRows = timelineRows;
        this.timeline = timeline;
        this.outbox = outbox;
        this.mapper = mapper;
        this.cases = cases;
    }

    /** The CSIRT reports the record to the CISO (第44条4項): a new version with a frozen snapshot. */
    public CisoReport submit(Caller caller, UUID incidentId, String summary) {
        Incident c = cases.lockVisible(caller, incidentId);
        ReviewCases.requireOpen(c);
        CisoReport previous = reports.latest(c.id());
        OffsetDateTime now = clock.now();

        CisoReport report =
                CisoReport.submitted(c.id(), previous == null ? 1 : previous.version() + 1, caller.username(), now);
        List<ResponseAction> actions = measures.of(c.id());
        String snapshot = snapshot(c, report, ReviewCases.blankToNull(summary), actions);
        report.freeze(snapshot, sha256(snapshot));
        reports.persist(report);

        IncidentState before = c.state();
        c.submitToCiso();
        long measuresInForce = recurrencePrevention(actions).count();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reportVersion", report.version());
        details.put("sha256", report.sha256());
        details.put("recurrencePreventionMeasures", measuresInForce);
        details.put("state", ReviewCases.beforeAfter(before.name(), c.state().name()));
        if (previous != null && !previous.decided()) {
            details.put("supersedesUndecidedVersion", previous.version());
        }
        timeline.append(c.id(), TimelineType.CISO_REPORT_SUBMITTED, now, caller.username(), details, null);

        outbox.append(
                CisoReportSubmitted.NAME,
                Organisation.of(c.organisation()),
                c.id().toString(),
                new CisoReportSubmitted(
                        c.id(),
                        c.number(),
                        report.version(),
                        report.sha256(),
                        measuresInForce,
                        report.submittedBy(),
                        report.submittedAt(),
                        c.drill()));
        return report;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CisoReportView> list(Caller caller, UUID incidentId) {
        Incident c = incidents.visible(caller, incidentId);
        List<CisoReport> all = reports.of(c.id());
        int latest = all.isEmpty() ? 0 : all.get(all.size() - 1).version();
        return all.stream()
                .map(r -> CisoReportView.of(r, r.version() == latest, null))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CisoReportView show(Caller caller, UUID incidentId, int version) {
        Incident c = incidents.visible(caller, incidentId);
        CisoReport r = cases.report(c, version);
        return CisoReportView.of(r, reports.latest(c.id()).version() == r.version(), cases.parse(r.snapshot()));
    }

    /** The snapshot exactly as stored and hashed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CisoReport raw(Caller caller, UUID incidentId, int version) {
        return cases.report(incidents.visible(caller, incidentId), version);
    }

    /** The recurrence-prevention texts of the latest accepted report, for publication (第44条7項); null if none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AcceptedRecurrencePrevention acceptedRecurrencePrevention(UUID incidentId) {
        CisoReport accepted = reports.latestAccepted(incidentId);
        if (accepted == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode a : cases.parse(accepted.snapshot()).path("responseActions")) {
            if (CisoReportSnapshot.inForceRecurrencePrevention(a)) {
                texts.add(a.path("description").asText());
            }
        }
        return new AcceptedRecurrencePrevention(accepted.version(), texts);
    }

    /** The recurrence prevention the CISO accepted: the report version and the measures' texts. */
    public record AcceptedRecurrencePrevention(int reportVersion, List<String> measures) {}

    /** The whole record as the CSIRT reports it: case, severity with reasons, legal duties, response actions. */
    private String snapshot(Incident c, CisoReport report, String summary, List<ResponseAction> actions) {
        OffsetDateTime now = report.submittedAt();
        List<LegalDutyView> legal = duties.of(c.id()).stream()
                .map(d -> LegalDutyView.of(d, legalRules.nameOf(d.key().code()), now))
                .toList();
        ObjectNode caseNode = mapper.valueToTree(IncidentView.of(c, legal, List.of()));
        // The timeline is the separate, hash-chained trail; the snapshot names its head instead.
        caseNode.remove("timeline");
        // The informant (第43条1項) is personal data kept with the case only; the report travels to the committee.
        caseNode.remove("informant");

        ObjectNode s = mapper.createObjectNode();
        s.put("format", SNAPSHOT_FORMAT);
        s.put("incidentId", c.id().toString());
        s.put("incidentNumber", c.number());
        s.put("reportVersion", report.version());
        s.put("submittedBy", report.submittedBy());
        s.put("submittedAt", report.submittedAt().toString());
        s.put("summary", summary);
        s.set("case", caseNode);
        ArrayNode list = s.putArray("responseActions");
        for (ResponseAction a : actions) {
            ObjectNode n = list.addObject();
            n.put("id", a.id().toString());
            n.put("kind", a.kind().name());
            n.put("description", a.description());
            n.put("ownerUnit", a.ownerUnit());
            n.put("ownerPerson", a.ownerPerson());
            n.put("dueDate", a.dueDate() == null ? null : a.dueDate().toString());
            n.put("status", a.status().name());
            n.put("createdBy", a.createdBy());
            n.put("createdAt", text(a.createdAt()));
            n.put("updatedBy", a.updatedBy());
            n.put("updatedAt", text(a.updatedAt()));
            n.put("startedAt", text(a.startedAt()));
            n.put("completedAt", text(a.completedAt()));
            n.put("cancelledAt", text(a.cancelledAt()));
        }
        ArrayNode authors = s.putArray("recurrencePreventionAuthors");
        new TreeSet<>(actions.stream()
                        .filter(a -> a.kind() == ResponseAction.Kind.RECURRENCE_PREVENTION)
                        .map(a -> a.createdBy())
                        .toList())
                .forEach(authors::add);
        TimelineEntry head = timelineRows.lastOf(c.id());
        ObjectNode headNode = s.putObject("timelineHead");
        headNode.put("seq", head == null ? 0 : head.seq());
        headNode.put("hash", head == null ? null : head.hash());
        try {
            return mapper.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.stream.Stream<ResponseAction> recurrencePrevention(List<ResponseAction> actions) {
        return actions.stream()
                .filter(a -> a.kind() == ResponseAction.Kind.RECURRENCE_PREVENTION
                        && a.status() != ResponseAction.Status.CANCELLED);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(OffsetDateTime at) {
        return at == null ? null : at.toString();
    }
}
