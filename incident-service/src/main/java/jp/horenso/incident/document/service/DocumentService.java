package jp.horenso.incident.document.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import jp.horenso.incident.assessment.rest.CommissionReportDraft;
import jp.horenso.incident.assessment.service.LegalDutyService;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.PersonalDataKind;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.document.Document;
import jp.horenso.incident.document.Document.Field;
import jp.horenso.incident.document.Document.Section;
import jp.horenso.incident.document.Document.Table;
import jp.horenso.incident.document.DocumentFormat;
import jp.horenso.incident.document.DocumentKind;
import jp.horenso.incident.organisation.service.OrganisationProfiles;
import jp.horenso.incident.review.CisoReport;
import jp.horenso.incident.review.CommitteeReport;
import jp.horenso.incident.review.repository.CisoReportRepository;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;

/**
 * Generates the case's documents (第44条4項・6項, regulatory.md R1) from the record they describe — the CISO report's
 * frozen snapshot, the accepted report, the case record — and writes every download on the timeline
 * ({@link TimelineType#DOCUMENT_DOWNLOADED}). Whoever may read the underlying record may download its document.
 */
@ApplicationScoped
@Transactional
public class DocumentService {

    private static final DateTimeFormatter ISO_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx");

    private final IncidentService incidents;
    private final CisoReportRepository reports;
    private final LegalDutyService legal;
    private final TimelineService timeline;
    private final DocumentRenderer renderer;
    private final OrganisationProfiles organisations;
    private final ObjectMapper mapper;
    private final JapanTime clock;
    private final EntityManager em;

    public DocumentService(
            IncidentService incidents,
            CisoReportRepository reports,
            LegalDutyService legal,
            TimelineService timeline,
            DocumentRenderer renderer,
            OrganisationProfiles organisations,
            ObjectMapper mapper,
            EntityManager em,
            JapanTime clock) {
        this.clock = clock;
        this.incidents = incidents;
        this.reports = reports;
        this.legal = legal;
        this.timeline = timeline;
        this.renderer = renderer;
        this.organisations = organisations;
        this.mapper = mapper;
        this.em = em;
    }

    /** A generated document, ready to send. */
    public record Rendered(byte[] content, DocumentFormat format, String fileName, String sourceSha256) {}

    /** The CSIRT's report to the CISO (第44条4項), version {@code version}, from its frozen snapshot. */
    public Rendered cisoReport(Caller caller, UUID incidentId, int version, String lang, DocumentFormat format) {
        Incident c = incidents.visible(caller, incidentId);
        CisoReport report = reports.find(c.id(), version);
        if (report == null) {
            throw new ProblemException(404, "review.report-not-found", c.number(), version);
        }
        DocumentTexts t = DocumentTexts.of(lang);
        JsonNode s = parse(report.snapshot());
        List<Field> banner = new ArrayList<>();
        banner.add(new Field(
                t.t("ciso.status"),
                switch (report.decision() == null ? "" : report.decision().name()) {
                    case "ACCEPT" -> t.t("ciso.status.accepted", report.decidedBy(), t.moment(report.decidedAt()));
                    case "RETURN" -> t.t("ciso.status.returned", report.decidedBy(), t.moment(report.decidedAt()));
                    default -> t.t("ciso.status.pending");
                }));
        if (report.instructions() != null) {
            banner.add(new Field(t.t("ciso.instructions"), report.instructions()));
        }
        if (!s.path("summary").isNull() && !s.path("summary").asText().isBlank()) {
            banner.add(new Field(t.t("ciso.summary"), s.path("summary").asText()));
        }
        Document d = header(
                c,
                DocumentKind.CISO_REPORT,
                t,
                t.t("ciso.title"),
                t.t("ciso.basis"),
                t.t("ciso.to"),
                t.t("ciso.from", report.submittedBy(), t.moment(report.submittedAt())),
                t.t("documentVersion", version),
                t.t("sourceSnapshot", version),
                report.sha256(),
                banner,
                null,
                recordSections(t, s, false));
        return deliver(caller, c, d, format, version);
    }

    /**
     * The CISO's report to the information-security committee (第44条6項), from the latest accepted CSIRT report and
     * its measures; 409 while no report is accepted.
     */
    public Rendered committeeReport(Caller caller, UUID incidentId, String lang, DocumentFormat format) {
        Incident c = incidents.visible(caller, incidentId);
        CisoReport accepted = reports.latestAccepted(c.id());
        if (accepted == null) {
            throw new ProblemException(409, "document.committee-report-before-acceptance", c.number());
        }
        DocumentTexts t = DocumentTexts.of(lang);
        JsonNode s = parse(accepted.snapshot());
        CommitteeReport recorded = em.find(CommitteeReport.class, c.id());
        List<Field> banner = List.of(
                new Field(
                        t.t("committee.accepted"),
                        t.t(
                                "committee.acceptedValue",
                                accepted.version(),
                                accepted.decidedBy(),
                                t.moment(accepted.decidedAt()))),
                new Field(
                        t.t("committee.severe"),
                        c.severeJudgedByCiso() ? t.t("committee.severeValue") : t.t("committee.notSevere")),
                new Field(
                        t.t("committee.recorded"),
                        recorded == null
                                ? t.t("committee.notRecorded")
                                : t.moment(recorded.reportedAt()) + " " + recorded.reference()));
        Document d = header(
                c,
                DocumentKind.COMMITTEE_REPORT,
                t,
                t.t("committee.title"),
                t.t("committee.basis"),
                t.t("committee.to"),
                t.t("committee.from"),
                t.t("documentVersion", accepted.version()),
                t.t("sourceSnapshot", accepted.version()),
                accepted.sha256(),
                banner,
                null,
                recordSections(t, s, true));
        return deliver(caller, c, d, format, accepted.version());
    }

    /** The draft report to the Personal Information Protection Commission: the nine items of R1, item 7 included. */
    public Rendered commissionReport(Caller caller, UUID incidentId, String code, String lang, DocumentFormat format) {
        Incident c = incidents.visible(caller, incidentId);
        CommissionReportDraft draft = legal.draft(caller, incidentId, code);
        DocumentTexts t = DocumentTexts.of(lang);
        List<List<String>> rows = draft.items().stream()
                .map(i -> List.of(i.no() + ". " + ("en".equals(lang) ? i.en() : i.ja()), i.value()))
                .toList();
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("incidentNumber", draft.incidentNumber());
        source.put("duty", draft.duty());
        source.put("recipient", draft.recipient());
        source.put("items", draft.items());
        Document d = header(
                c,
                DocumentKind.COMMISSION_REPORT_DRAFT,
                t,
                t.t("commission.title"),
                t.t("commission.basis"),
                t.t("commission.to"),
                organisationName(c, lang),
                t.t("recordVersion", c.version()),
                t.t("sourceRecord", c.version()),
                sha256(json(source)),
                List.of(new Field(t.t("commission.duty"), code)),
                t.t("commission.note"),
                List.of(Section.table(
                        t.t("commission.title"),
                        new Table(List.of(t.t("commission.item"), t.t("commission.value")), rows, t.t("none")))));
        return deliver(caller, c, d, format, c.version());
    }

    /** The letter to the persons concerned (本人通知, 法68条2項), a draft; 409 when the case holds no personal data. */
    public Rendered personsNotice(Caller caller, UUID incidentId, String lang, DocumentFormat format) {
        Incident c = incidents.visible(caller, incidentId);
        if (c.personalData() == null
                || c.personalData().kinds() == null
                || c.personalData().kinds().isEmpty()) {
            throw new ProblemException(409, "document.persons-notice-without-personal-data", c.number());
        }
        DocumentTexts t = DocumentTexts.of(lang);
        String organisation = organisationName(c, lang);
        String overview = c.title() + "\n" + t.t("field.occurredAt") + ": " + t.moment(c.occurredAt()) + "\n"
                + t.t("field.discoveredAt") + ": " + t.moment(c.discoveredAt());
        String items = c.personalData().kinds().stream()
                        .map(k -> t.t("pd." + k.name()))
                        .collect(Collectors.joining("、"))
                + (c.personalData().persons() == null
                        ? ""
                        : "（" + t.t("field.personsAffected") + ": "
                                + t.t("persons", c.personalData().persons()) + "）");
        String cause = c.cause() == null ? t.t("unknown") : c.cause();
        String secondary = c.damageExtent() == null && c.damageScope() == null
                ? t.t("unknown")
                : join(c.damageExtent(), c.damageScope());
        String contact = contactOf(c, lang);
        List<Section> sections = List.of(
                Section.text(t.t("notice.overview"), overview),
                Section.text(t.t("notice.items"), items),
                Section.text(t.t("notice.cause"), cause),
                Section.text(t.t("notice.secondary"), secondary),
                Section.text(t.t("notice.other"), t.t("notice.otherValue")),
                Section.text(t.t("notice.contact"), organisation + "\n" + contact, t.t("notice.closing")));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("incidentNumber", c.number());
        source.put("overview", overview);
        source.put(
                "items",
                c.personalData().kinds().stream().map(PersonalDataKind::name).toList());
        source.put("persons", c.personalData().persons());
        source.put("cause", c.cause());
        source.put("damageExtent", c.damageExtent());
        source.put("damageScope", c.damageScope());
        Document d = header(
                c,
                DocumentKind.PERSONS_NOTICE_DRAFT,
                t,
                t.t("notice.title"),
                t.t("notice.basis"),
                t.t("notice.to"),
                organisation,
                t.t("recordVersion", c.version()),
                t.t("sourceRecord", c.version()),
                sha256(json(source)),
                List.of(),
                t.t("notice.opening", organisation),
                sections);
        return deliver(caller, c, d, format, c.version());
    }

    /** The record's sections as a CISO report snapshot holds them: overview, times, cause, damage, measures. */
    private List<Section> recordSections(DocumentTexts t, JsonNode s, boolean committee) {
        JsonNode c = s.path("case");
        JsonNode r = c.path("record");
        List<Section> sections = new ArrayList<>();
        sections.add(Section.fields(
                t.t("section.overview"),
                List.of(
                        new Field(t.t("field.title"), text(c, "title")),
                        new Field(t.t("field.description"), text(c, "description")),
                        new Field(
                                t.t("field.kind"), t.t("kind." + c.path("kind").asText("SECURITY_INCIDENT"))),
                        new Field(t.t("field.unit"), text(c, "unit")),
                        new Field(t.t("field.department"), text(c, "department")))));
        sections.add(Section.fields(
                t.t("section.times"),
                List.of(
                        new Field(
                                t.t("field.occurredAt"),
                                t.moment(c.path("occurredAt").asText(null))),
                        new Field(
                                t.t("field.discoveredAt"),
                                t.moment(c.path("discoveredAt").asText(null))),
                        new Field(
                                t.t("field.reportedAt"),
                                t.moment(c.path("reportedAt").asText(null))))));
        sections.add(Section.text(t.t("section.cause"), orUnknown(t, r, "cause")));
        JsonNode pd = r.path("personalData");
        String personalData = pd.isMissingNode() || pd.isNull()
                ? t.t("none")
                : StreamSupport.stream(pd.path("kinds").spliterator(), false)
                        .map(k -> t.t("pd." + k.asText()))
                        .collect(Collectors.joining("、"));
        String persons = pd.isMissingNode() || pd.isNull() || pd.path("persons").isNull()
                ? t.t("unknown")
                : t.t("persons", pd.path("persons").asInt());
        JsonNode severity = c.path("severity");
        String reasons = StreamSupport.stream(severity.path("reasons").spliterator(), false)
                .map(x -> x.path("rule").asText() + " " + x.path(t.lang()).asText())
                .collect(Collectors.joining("\n"));
        String systems = StreamSupport.stream(r.path("informationSystems").spliterator(), false)
                .map(JsonNode::asText)
                .collect(Collectors.joining("、"));
        sections.add(Section.fields(
                t.t("section.damage"),
                List.of(
                        new Field(t.t("field.damageExtent"), orUnknown(t, r, "damageExtent")),
                        new Field(t.t("field.damageScope"), orUnknown(t, r, "damageScope")),
                        new Field(t.t("field.personalData"), personalData),
                        new Field(t.t("field.personsAffected"), persons),
                        new Field(t.t("field.systems"), systems.isEmpty() ? "-" : systems),
                        new Field(
                                t.t("field.networkZone"),
                                r.path("networkZone").isTextual()
                                        ? t.t("zone." + r.path("networkZone").asText())
                                        : "-"),
                        new Field(t.t("field.ongoing"), r.path("ongoing").asBoolean() ? t.t("yes") : t.t("no")),
                        new Field(t.t("field.severity"), severity.path(t.lang()).asText("-")),
                        new Field(t.t("field.severityReasons"), reasons.isEmpty() ? "-" : reasons))));
        sections.add(Section.table(t.t("section.containment"), measures(t, s, "CONTAINMENT", false)));
        sections.add(Section.table(t.t("section.recovery"), measures(t, s, "RECOVERY", false)));
        // The committee reads the recurrence prevention the CISO accepted: the measures in force.
        sections.add(Section.table(t.t("section.recurrence"), measures(t, s, "RECURRENCE_PREVENTION", committee)));
        List<List<String>> duties = new ArrayList<>();
        for (JsonNode duty : c.path("legalDuties")) {
            duties.add(List.of(
                    duty.path("name").path(t.lang()).asText(duty.path("code").asText()) + "\n"
                            + duty.path("source").asText(""),
                    t.moment(duty.path("promptDueAt").asText(null)),
                    t.moment(duty.path("finalDueAt").asText(null)),
                    duty.path("status").asText()));
        }
        sections.add(Section.table(
                t.t("section.legal"),
                new Table(
                        List.of(t.t("legal.name"), t.t("legal.promptDue"), t.t("legal.finalDue"), t.t("legal.status")),
                        duties,
                        t.t("none"))));
        return sections;
    }

    /** One kind of response action as a table: what, who, due, status, who recorded it when, completed. */
    private static Table measures(DocumentTexts t, JsonNode s, String kind, boolean inForceOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode a : s.path("responseActions")) {
            if (!kind.equals(a.path("kind").asText())
                    || (inForceOnly && "CANCELLED".equals(a.path("status").asText()))) {
                continue;
            }
            String owner = a.path("ownerUnit").isTextual()
                    ? a.path("ownerUnit").asText()
                    : a.path("ownerPerson").asText("-");
            String finished = a.path("completedAt").isTextual()
                    ? t.moment(a.path("completedAt").asText())
                    : a.path("cancelledAt").isTextual()
                            ? t.moment(a.path("cancelledAt").asText())
                            : "-";
            rows.add(List.of(
                    a.path("description").asText(),
                    owner,
                    t.day(a.path("dueDate").asText(null)),
                    t.t("status." + a.path("status").asText()),
                    a.path("createdBy").asText() + "\n"
                            + t.moment(a.path("createdAt").asText(null)),
                    finished));
        }
        return new Table(
                List.of(
                        t.t("measure.description"),
                        t.t("measure.owner"),
                        t.t("measure.due"),
                        t.t("measure.status"),
                        t.t("measure.recorded"),
                        t.t("measure.done")),
                rows,
                t.t("measure.none"));
    }

    private Document header(
            Incident c,
            DocumentKind kind,
            DocumentTexts t,
            String title,
            String basis,
            String to,
            String from,
            String version,
            String sourceLabel,
            String sourceSha256,
            List<Field> banner,
            String note,
            List<Section> sections) {
        ZonedDateTime now = clock.now().truncatedTo(ChronoUnit.SECONDS).atZoneSameInstant(DocumentTexts.JAPAN);
        boolean draft = kind == DocumentKind.COMMISSION_REPORT_DRAFT || kind == DocumentKind.PERSONS_NOTICE_DRAFT;
        return new Document(
                kind,
                t.lang(),
                title,
                basis,
                to,
                from,
                organisationName(c, t.lang()),
                c.number(),
                draft ? version + "（" + t.t("draftMark") + "）" : version,
                ISO_MINUTES.format(now),
                DocumentTexts.wareki(now.toLocalDate()),
                sourceLabel,
                sourceSha256,
                banner,
                note,
                sections,
                t.all());
    }

    /** Renders, then writes the download on the case's timeline in the same transaction. */
    private Rendered deliver(Caller caller, Incident c, Document d, DocumentFormat format, long version) {
        byte[] content = format == DocumentFormat.PDF
                ? renderer.pdf(d)
                : renderer.html(d).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("document", d.kind().name());
        details.put("version", version);
        details.put("format", format.name());
        details.put("language", d.lang());
        details.put("sourceSha256", d.sourceSha256());
        timeline.append(c.id(), TimelineType.DOCUMENT_DOWNLOADED, clock.now(), caller.username(), details, null);
        return new Rendered(content, format, d.fileName(format.extension()), d.sourceSha256());
    }

    /** The organisation's name from its profile (OrganisationOnboarded); its code if it has none. */
    private String organisationName(Incident c, String lang) {
        return organisations.profile(c.organisation()).map(p -> p.name(lang)).orElse(c.organisation());
    }

    /** The inquiry desk printed on letters to persons, from the organisation's profile. */
    private String contactOf(Incident c, String lang) {
        return organisations.profile(c.organisation()).map(p -> p.contact(lang)).orElse("-");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : "-";
    }

    private static String orUnknown(DocumentTexts t, JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : t.t("unknown");
    }

    private static String join(String a, String b) {
        return (a == null ? "" : a) + (a != null && b != null ? "\n" : "") + (b == null ? "" : b);
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot is not JSON", e);
        }
    }

    private String json(Object value) {
        try {
            ObjectNode node = mapper.valueToTree(value);
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
