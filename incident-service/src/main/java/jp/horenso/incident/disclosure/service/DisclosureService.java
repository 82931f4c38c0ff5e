package jp.horenso.incident.disclosure.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.assessment.legal.LegalDutyRepository;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.repository.IncidentRepository;
import jp.horenso.incident.cases.service.CaseGuards;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.disclosure.DisclosureDecision;
import jp.horenso.incident.disclosure.DisclosureDraft;
import jp.horenso.incident.disclosure.DisclosureMethod;
import jp.horenso.incident.disclosure.DisclosureProposal;
import jp.horenso.incident.disclosure.DisclosurePublication;
import jp.horenso.incident.disclosure.event.DisclosureDecided;
import jp.horenso.incident.disclosure.event.DisclosureDraftApproved;
import jp.horenso.incident.disclosure.event.DisclosurePublished;
import jp.horenso.incident.disclosure.repository.DisclosureDraftRepository;
import jp.horenso.incident.disclosure.repository.DisclosurePublicationRepository;
import jp.horenso.incident.disclosure.rest.DisclosureView;
import jp.horenso.incident.organisation.service.OrganisationProfiles;
import jp.horenso.incident.review.service.CisoReportService;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.Organisation;

/**
 * Public disclosure of a case (第43条5項, 第44条7項): the CISO decides the method against the rule's proposal, the
 * CSIRT writes versions of the text, the CISO approves one they did not write (第14条), and an approved text is
 * published — never while it contains personal data held in the case.
 */
@ApplicationScoped
@Transactional
public class DisclosureService {

    private final IncidentRepository incidentRows;
    private final IncidentService incidents;
    private final LegalDutyRepository duties;
    private final DisclosureProposalRule proposalRule;
    private final DisclosureDraftRepository drafts;
    private final DisclosurePublicationRepository publications;
    private final CisoReportService review;
    private final PersonalDataScreen screen;
    private final OrganisationProfiles organisations;
    private final CaseTexts caseTexts;
    private final TimelineService timeline;
    private final Outbox outbox;
    private final JapanTime clock;
    private final EntityManager em;

    public DisclosureService(
            IncidentRepository incidentRows,
            IncidentService incidents,
            LegalDutyRepository duties,
            DisclosureProposalRule proposalRule,
            DisclosureDraftRepository drafts,
            DisclosurePublicationRepository publications,
            CisoReportService review,
            PersonalDataScreen screen,
            OrganisationProfiles organisations,
            CaseTexts caseTexts,
            TimelineService timeline,
            Outbox outbox,
            EntityManager em,
            JapanTime clock) {
        this.clock = clock;
        this.incidentRows = incidentRows;
        this.incidents = incidents;
        this.duties = duties;
        this.proposalRule = proposalRule;
        this.drafts = drafts;
        this.publications = publications;
        this.review = review;
        this.screen = screen;
        this.organisations = organisations;
        this.caseTexts = caseTexts;
        this.timeline = timeline;
        this.outbox = outbox;
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DisclosureView show(Caller caller, UUID incidentId) {
        Incident c = incidents.visible(caller, incidentId);
        List<PersonalDataScreen.Source> texts = caseTexts.of(c);
        List<String> publicContacts = publicContacts(c);
        List<DisclosureView.DraftView> versions = new ArrayList<>();
        for (DisclosureDraft d : drafts.of(c.id())) {
            DisclosurePublication p = publications.ofDraft(c.id(), d.key().version());
            versions.add(DisclosureView.DraftView.of(
                    d, p == null ? null : p.id(), screen.screen(fields(d), texts, publicContacts)));
        }
        return new DisclosureView(
                c.number(),
                proposalRule.propose(c, duties.of(c.id())),
                DisclosureView.DecisionView.of(em.find(DisclosureDecision.class, c.id())),
                versions,
                publications.of(c.id()).stream()
                        .map(DisclosureView.PublicationView::of)
                        .toList());
    }

    /** The CISO decides whether and how the case is made public; the rule's proposal is kept beside it. */
    public DisclosureDecision decide(Caller caller, UUID incidentId, DecideDisclosure r) {
        Incident c = lockVisible(caller, incidentId);
        DisclosureProposal proposal = proposalRule.propose(c, duties.of(c.id()));
        DisclosureDecision d = em.find(DisclosureDecision.class, c.id());
        DisclosureMethod before = d == null ? null : d.method();
        boolean first = d == null;
        if (first) {
            d = DisclosureDecision.of(c.id());
        }
        d.decide(
                r.method(),
                proposal.method(),
                new ArrayList<>(proposal.reasons()),
                blankToNull(r.note()),
                caller.username(),
                clock.now());
        if (first) {
            em.persist(d);
        }

        Map<String, Object> method = new LinkedHashMap<>();
        method.put("before", before == null ? null : before.name());
        method.put("after", d.method().name());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", method);
        details.put("proposedMethod", proposal.method().name());
        details.put(
                "proposalRules",
                proposal.reasons().stream().map(DisclosureProposal.Reason::rule).toList());
        details.put("note", d.note());
        timeline.append(c.id(), TimelineType.DISCLOSURE_DECIDED, d.decidedAt(), caller.username(), details, null);

        outbox.append(
                DisclosureDecided.NAME,
                Organisation.of(c.organisation()),
                c.id().toString(),
                new DisclosureDecided(c.id(), d.method(), d.proposedMethod(), d.decidedBy(), d.decidedAt(), c.drill()));
        return d;
    }

    /** The CSIRT saves a new version of the text; earlier versions stay as they were. */
    public DisclosureDraft saveDraft(Caller caller, UUID incidentId, SaveDisclosureDraft r) {
        Incident c = lockVisible(caller, incidentId);
        String titleEn = blankToNull(r.titleEn());
        String bodyEn = blankToNull(r.bodyEn());
        if ((titleEn == null) != (bodyEn == null)) {
            throw ProblemException.invalidFields(
                    List.of(FieldProblem.of(titleEn == null ? "titleEn" : "bodyEn", "field.english-pair")));
        }
        DisclosureDraft latest = drafts.latest(c.id());
        List<String> recurrencePrevention = null;
        Integer acceptedReportVersion = null;
        if (r.includeRecurrencePrevention()) {
            CisoReportService.AcceptedRecurrencePrevention accepted = review.acceptedRecurrencePrevention(c.id());
            if (accepted == null || accepted.measures().isEmpty()) {
                throw new ProblemException(409, "disclosure.no-accepted-recurrence-prevention", c.number());
            }
            recurrencePrevention = new ArrayList<>(accepted.measures());
            acceptedReportVersion = accepted.reportVersion();
        }
        DisclosureDraft d = DisclosureDraft.saved(
                new DisclosureDraft.Key(
                        c.id(), latest == null ? 1 : latest.key().version() + 1),
                r.titleJa().strip(),
                r.bodyJa().strip(),
                titleEn,
                bodyEn,
                recurrencePrevention,
                acceptedReportVersion,
                caller.username(),
                clock.now());
        drafts.persist(d);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", d.key().version());
        details.put("titleJa", d.titleJa());
        details.put("sha256", sha256(fields(d)));
        details.put("acceptedReportVersion", d.acceptedReportVersion());
        timeline.append(c.id(), TimelineType.DISCLOSURE_DRAFT_SAVED, d.createdAt(), caller.username(), details, null);
        return d;
    }

    /**
     * The CISO approves the latest version, once; never a version they wrote (第14条), never one that contains
     * personal data held in the case.
     */
    public DisclosureDraft approve(Caller caller, UUID incidentId, int version) {
        Incident c = lockVisible(caller, incidentId);
        requireDecidedToPublish(c);
        DisclosureDraft d = draft(c, version);
        DisclosureDraft latest = drafts.latest(c.id());
        if (latest.key().version() != version) {
            throw new ProblemException(
                    409, "disclosure.not-latest-draft", version, latest.key().version());
        }
        if (d.approved()) {
            throw new ProblemException(409, "disclosure.already-approved", version, d.approvedBy());
        }
        if (caller.username().equals(d.createdBy())) {
            throw new ProblemException(403, "disclosure.separation-of-duties", caller.username(), version);
        }
        requireNoPersonalData(c, d);
        d.approve(caller.username(), clock.now());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", version);
        details.put("sha256", sha256(fields(d)));
        timeline.append(
                c.id(), TimelineType.DISCLOSURE_DRAFT_APPROVED, d.approvedAt(), caller.username(), details, null);
        outbox.append(
                DisclosureDraftApproved.NAME,
                Organisation.of(c.organisation()),
                c.id().toString(),
                new DisclosureDraftApproved(c.id(), version, d.approvedBy(), d.approvedAt(), c.drill()));
        return d;
    }

    /** Records that an approved version was published; screened for personal data once more, as the case may have grown. */
    public DisclosurePublication publish(Caller caller, UUID incidentId, PublishDisclosure r) {
        Incident c = lockVisible(caller, incidentId);
        DisclosureDecision decision = requireDecidedToPublish(c);
        DisclosureDraft d = draft(c, r.draftVersion());
        if (!d.approved()) {
            throw new ProblemException(409, "disclosure.not-approved", r.draftVersion());
        }
        DisclosurePublication earlier = publications.ofDraft(c.id(), r.draftVersion());
        if (earlier != null) {
            throw new ProblemException(
                    409,
                    "disclosure.already-published",
                    r.draftVersion(),
                    earlier.publishedAt().toString());
        }
        requireNoPersonalData(c, d);

        Integer publicNumber = null;
        if (!c.drill()) {
            publications.lockNumbering(c.organisation());
            publicNumber = publications.nextPublicNumber(c.organisation());
        }
        DisclosurePublication p = DisclosurePublication.of(
                c.id(),
                d.key().version(),
                c.organisation(),
                decision.method(),
                c.drill(),
                d.titleJa(),
                d.bodyJa(),
                d.titleEn(),
                d.bodyEn(),
                d.recurrencePrevention(),
                r.publishedAt() != null ? r.publishedAt().truncatedTo(ChronoUnit.MICROS) : clock.now(),
                caller.username(),
                publicNumber);
        publications.persist(p);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("publicationId", p.id().toString());
        details.put("publicNumber", p.publicNumber());
        details.put("draftVersion", p.draftVersion());
        details.put("method", p.method().name());
        details.put("publishedAt", JapanTime.format(p.publishedAt()));
        details.put("includesRecurrencePrevention", p.recurrencePrevention() != null);
        timeline.append(c.id(), TimelineType.DISCLOSURE_PUBLISHED, clock.now(), caller.username(), details, null);

        outbox.append(
                DisclosurePublished.NAME,
                Organisation.of(c.organisation()),
                c.id().toString(),
                new DisclosurePublished(
                        c.id(),
                        p.id(),
                        p.draftVersion(),
                        p.method(),
                        p.publishedAt(),
                        p.publishedBy(),
                        p.recurrencePrevention() != null,
                        p.drill()));
        return p;
    }

    private DisclosureDecision requireDecidedToPublish(Incident c) {
        DisclosureDecision decision = em.find(DisclosureDecision.class, c.id());
        if (decision == null) {
            throw new ProblemException(409, "disclosure.not-decided", c.number());
        }
        if (decision.method() == DisclosureMethod.NONE) {
            throw new ProblemException(409, "disclosure.decided-none", c.number());
        }
        return decision;
    }

    /** The organisation's own public contacts (its profile): a published text may contain them. */
    private List<String> publicContacts(Incident c) {
        return organisations
                .profile(c.organisation())
                .map(p -> p.publicContacts())
                .orElse(List.of());
    }

    private void requireNoPersonalData(Incident c, DisclosureDraft d) {
        List<PersonalDataScreen.Finding> findings = screen.screen(fields(d), caseTexts.of(c), publicContacts(c));
        if (!findings.isEmpty()) {
            throw new PersonalDataFoundException(findings);
        }
    }

    private DisclosureDraft draft(Incident c, int version) {
        DisclosureDraft d = drafts.findById(new DisclosureDraft.Key(c.id(), version));
        if (d == null) {
            throw new ProblemException(404, "disclosure.draft-not-found", c.number(), version);
        }
        return d;
    }

    /** The texts of a version that would be published, by field name. */
    private static Map<String, String> fields(DisclosureDraft d) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("titleJa", d.titleJa());
        fields.put("bodyJa", d.bodyJa());
        fields.put("titleEn", d.titleEn());
        fields.put("bodyEn", d.bodyEn());
        if (d.recurrencePrevention() != null) {
            for (int i = 0; i < d.recurrencePrevention().size(); i++) {
                fields.put(
                        "recurrencePrevention[" + i + "]",
                        d.recurrencePrevention().get(i));
            }
        }
        return fields;
    }

    private Incident lockVisible(Caller caller, UUID incidentId) {
        // Load with a row lock first: versions are numbered and approved one at a time per case.
        incidentRows.findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
        Incident c = incidents.visible(caller, incidentId);
        CaseGuards.requireNotWithdrawn(c);
        return c;
    }

    private static String sha256(Map<String, String> fields) {
        StringBuilder content = new StringBuilder();
        fields.forEach((k, v) ->
                content.append(k).append('\n').append(v == null ? "" : v).append('\n'));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
