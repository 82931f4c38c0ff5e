package jp.horenso.incident.evidence.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.service.CaseGuards;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.evidence.CustodyEntry;
import jp.horenso.incident.evidence.Evidence;
import jp.horenso.incident.evidence.EvidenceContent;
import jp.horenso.incident.evidence.config.EvidenceConfig;
import jp.horenso.incident.evidence.repository.CustodyRepository;
import jp.horenso.incident.evidence.repository.EvidenceContentRepository;
import jp.horenso.incident.evidence.repository.EvidenceRepository;
import jp.horenso.incident.evidence.rest.CustodyEntryView;
import jp.horenso.incident.evidence.rest.EvidenceSummary;
import jp.horenso.incident.evidence.rest.EvidenceView;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;

/**
 * Keeps evidence (証拠保全, 第107条) in the city's own database: the SHA-256 is computed as it arrives, and every
 * download and hand-over is a link of its chain of custody and an entry on the case's timeline. Bytes that no longer
 * match their hash are never handed out.
 */
@ApplicationScoped
@Transactional
public class EvidenceService {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_FILENAME = 255;
    private static final int MAX_DESCRIPTION = 1000;
    private static final int MAX_PURPOSE = 500;

    private final IncidentService incidents;
    private final EvidenceRepository evidence;
    private final EvidenceContentRepository contents;
    private final CustodyRepository custody;
    private final TimelineService timeline;
    private final EvidenceIntegrityAlarm alarm;
    private final EvidenceConfig config;
    private final JapanTime clock;

    public EvidenceService(
            IncidentService incidents,
            EvidenceRepository evidence,
            EvidenceContentRepository contents,
            CustodyRepository custody,
            TimelineService timeline,
            EvidenceIntegrityAlarm alarm,
            EvidenceConfig config,
            JapanTime clock) {
        this.clock = clock;
        this.incidents = incidents;
        this.evidence = evidence;
        this.contents = contents;
        this.custody = custody;
        this.timeline = timeline;
        this.alarm = alarm;
        this.config = config;
    }

    /** An upload whose headers passed every check: only its bytes remain to be read. */
    public record Upload(String filename, String contentType, String description) {}

    /** What a download hands out: the metadata (for the headers) and the verified bytes. */
    public record Download(Evidence evidence, byte[] content) {}

    /**
     * Checks an upload before its body is read, so that a wrong type or name costs no transfer: the case is visible
     * and open, the media type is allowed (415), the file name and description are usable (400).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Upload admit(Caller caller, UUID incidentId, String contentType, String filename, String description) {
        Incident incident = incidents.visible(caller, incidentId);
        requireOpen(incident);
        String type = allowedType(contentType);
        List<FieldProblem> invalid = new ArrayList<>();
        String name = cleanFilename(filename, invalid);
        String text = description == null || description.isBlank() ? null : description.strip();
        if (text != null
                && (text.length() > MAX_DESCRIPTION
                        || CONTROL.matcher(text.replaceAll("[\r\n\t]", "")).find())) {
            invalid.add(FieldProblem.of("description", "evidence.description-invalid", MAX_DESCRIPTION));
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalidFields(invalid);
        }
        return new Upload(name, type, text);
    }

    /** Stores an admitted upload with the SHA-256 of exactly the bytes that arrived. */
    public EvidenceView receive(Caller caller, UUID incidentId, Upload upload, byte[] bytes) {
        Incident incident = incidents.visible(caller, incidentId);
        requireOpen(incident);
        if (bytes.length == 0) {
            throw ProblemException.invalidFields(List.of(FieldProblem.of("body", "evidence.empty")));
        }
        if (bytes.length > config.maxSize().asLongValue()) {
            throw new ProblemException(
                    413, "evidence.too-large", config.maxSize().asLongValue());
        }
        OffsetDateTime now = clock.now();
        Evidence e = Evidence.received(
                incident.id(),
                upload.filename(),
                upload.contentType(),
                bytes.length,
                sha256(bytes),
                upload.description(),
                caller.username(),
                now);
        evidence.persist(e);
        contents.persist(new EvidenceContent(e.id(), bytes));
        CustodyEntry received = link(e, CustodyEntry.Action.RECEIVED, caller.username(), now, null, null);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("evidenceId", e.id().toString());
        details.put("filename", e.filename());
        details.put("contentType", e.contentType());
        details.put("sizeBytes", e.sizeBytes());
        details.put("sha256", e.sha256());
        details.put("description", e.description());
        timeline.append(incident.id(), TimelineType.EVIDENCE_RECEIVED, now, caller.username(), details, null);
        return EvidenceView.of(e, List.of(CustodyEntryView.of(received)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EvidenceSummary> list(Caller caller, UUID incidentId) {
        Incident incident = incidents.visible(caller, incidentId);
        return evidence.of(incident.id()).stream().map(EvidenceSummary::of).toList();
    }

    /** Metadata, hash and the whole chain of custody. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public EvidenceView show(Caller caller, UUID incidentId, UUID evidenceId) {
        Evidence e = piece(incidents.visible(caller, incidentId), evidenceId);
        return EvidenceView.of(
                e, custody.of(e.id()).stream().map(CustodyEntryView::of).toList());
    }

    /**
     * Hands out the bytes after checking them against the hash taken on arrival; the download is recorded on the
     * chain of custody and the timeline in the same transaction, so no copy leaves unrecorded.
     */
    public Download download(Caller caller, UUID incidentId, UUID evidenceId, String purpose) {
        Incident incident = incidents.visible(caller, incidentId);
        Evidence e = piece(incident, evidenceId);
        String why = purpose(purpose);
        byte[] bytes = verified(caller, incident, e, "DOWNLOAD");
        OffsetDateTime now = clock.now();
        link(e, CustodyEntry.Action.DOWNLOADED, caller.username(), now, null, why);
        Map<String, Object> details = custodyDetails(e);
        details.put("purpose", why);
        timeline.append(incident.id(), TimelineType.EVIDENCE_DOWNLOADED, now, caller.username(), details, null);
        return new Download(e, bytes);
    }

    /** Records that the evidence was handed over to someone, after checking it is still what arrived. */
    public CustodyEntryView handOver(Caller caller, UUID incidentId, UUID evidenceId, HandOverEvidence r) {
        Incident incident = incidents.visible(caller, incidentId);
        Evidence e = piece(incident, evidenceId);
        verified(caller, incident, e, "HANDOVER");
        OffsetDateTime now = clock.now();
        CustodyEntry entry = link(
                e,
                CustodyEntry.Action.HANDED_OVER,
                caller.username(),
                now,
                r.to().strip(),
                r.purpose().strip());
        Map<String, Object> details = custodyDetails(e);
        details.put("to", entry.handedTo());
        details.put("purpose", entry.purpose());
        timeline.append(incident.id(), TimelineType.EVIDENCE_HANDED_OVER, now, caller.username(), details, null);
        return CustodyEntryView.of(entry);
    }

    /** The stored bytes if they still hash to what arrived; otherwise the alarm is recorded and nothing leaves. */
    private byte[] verified(Caller caller, Incident incident, Evidence e, String attempted) {
        EvidenceContent content = contents.findById(e.id());
        String actual = content == null ? null : sha256(content.content());
        if (!e.sha256().equals(actual)) {
            alarm.raise(incident.id(), e, caller.username(), attempted, actual);
            throw new ProblemException(500, "evidence.integrity-failed", e.filename(), e.sha256());
        }
        return content.content();
    }

    private CustodyEntry link(
            Evidence e, CustodyEntry.Action action, String actor, OffsetDateTime at, String handedTo, String purpose) {
        CustodyEntry entry = CustodyEntry.of(e.id(), e.incidentId(), action, actor, at, handedTo, purpose);
        custody.persist(entry);
        return entry;
    }

    private static Map<String, Object> custodyDetails(Evidence e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("evidenceId", e.id().toString());
        details.put("filename", e.filename());
        details.put("sha256", e.sha256());
        return details;
    }

    private Evidence piece(Incident incident, UUID evidenceId) {
        Evidence e = evidence.of(incident.id(), evidenceId);
        if (e == null) {
            throw new ProblemException(404, "evidence.not-found", incident.number(), evidenceId);
        }
        return e;
    }

    /** New evidence belongs to an open case; custody (downloads, hand-overs) goes on after closing. */
    private static void requireOpen(Incident incident) {
        CaseGuards.requireNotWithdrawn(incident);
        if (incident.state() == IncidentState.CLOSED) {
            throw new ProblemException(409, "response.case-closed", incident.number());
        }
    }

    /** The request's media type without parameters other than charset, if it is on the allowed list; else 415. */
    private String allowedType(String header) {
        MediaType type;
        try {
            type = header == null || header.isBlank() ? null : MediaType.valueOf(header.strip());
        } catch (IllegalArgumentException e) {
            type = null;
        }
        String base = type == null ? null : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        boolean allowed = base != null
                && config.allowedContentTypes().stream()
                        .map(a -> a.strip().toLowerCase(Locale.ROOT))
                        .anyMatch(a ->
                                a.equals(base) || a.endsWith("/*") && base.startsWith(a.substring(0, a.length() - 1)));
        if (!allowed) {
            throw new ProblemException(
                    415,
                    "evidence.type-not-allowed",
                    header == null ? "-" : header.strip(),
                    String.join(", ", config.allowedContentTypes()));
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return charset == null ? base : base + ";charset=" + charset.toLowerCase(Locale.ROOT);
    }

    /** The last path segment of what the client sent, without control characters; reported on "filename". */
    private static String cleanFilename(String filename, List<FieldProblem> invalid) {
        if (filename == null || filename.isBlank()) {
            invalid.add(FieldProblem.of("filename", "evidence.filename-required"));
            return null;
        }
        String name = filename.strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .strip();
        if (name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.length() > MAX_FILENAME
                || CONTROL.matcher(name).find()) {
            invalid.add(FieldProblem.of("filename", "evidence.filename-invalid", MAX_FILENAME));
            return null;
        }
        return name;
    }

    private static String purpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            return null;
        }
        String text = purpose.strip();
        if (text.length() > MAX_PURPOSE || CONTROL.matcher(text).find()) {
            throw ProblemException.invalidFields(
                    List.of(FieldProblem.of("purpose", "evidence.purpose-invalid", MAX_PURPOSE)));
        }
        return text;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
