package jp.horenso.incident.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.assessment.legal.LegalDutyRepository;
import jp.horenso.incident.assessment.legal.LegalDutyRules;
import jp.horenso.incident.assessment.rest.LegalDutyView;
import jp.horenso.incident.assessment.service.AssessmentService;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.Informant;
import jp.horenso.incident.cases.ReporterType;
import jp.horenso.incident.cases.event.IncidentReported;
import jp.horenso.incident.cases.repository.IncidentRepository;
import jp.horenso.incident.cases.rest.IncidentView;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.directory.service.UnitDirectory;
import jp.horenso.incident.organisation.OrganisationProfile;
import jp.horenso.incident.organisation.service.OrganisationProfiles;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.rest.TimelineEntryView;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.incident.timeline.service.TimelineVisibility;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.Organisation;

/** Files reports and shows cases; a report, its first timeline entry and its event commit together. */
@ApplicationScoped
@Transactional
public class IncidentService {

    private final IncidentRepository incidents;
    private final IncidentAccessPolicy access;
    private final TimelineService timeline;
    private final Outbox outbox;
    private final AssessmentService assessment;
    private final LegalDutyRepository duties;
    private final LegalDutyRules legalRules;
    private final IdempotencyKeys idempotency;
    private final FilingRateLimit rateLimit;
    private final JapanTime clock;
    private final UnitDirectory units;
    private final OrganisationProfiles organisations;

    private final ReportCounters counters;

    public IncidentService(
            IncidentRepository incidents,
            IncidentAccessPolicy access,
            TimelineService timeline,
            Outbox outbox,
            AssessmentService assessment,
            LegalDutyRepository duties,
            LegalDutyRules legalRules,
            IdempotencyKeys idempotency,
            FilingRateLimit rateLimit,
            UnitDirectory units,
            OrganisationProfiles organisations,
            JapanTime clock,
            ReportCounters counters) {
        this.clock = clock;
        this.counters = counters;
        this.idempotency = idempotency;
        this.rateLimit = rateLimit;
        this.units = units;
        this.organisations = organisations;
        this.incidents = incidents;
        this.access = access;
        this.timeline = timeline;
        this.outbox = outbox;
        this.assessment = assessment;
        this.duties = duties;
        this.legalRules = legalRules;
    }

    /**
     * Files a report (第43条1項): the case concerns the unit named in it or the reporter's own (第44条2項); the chain
     * starts from the event. With an idempotency key, a repeated request returns the case the first one made.
     * Nothing is stored when the unit, the informant or the drill mark is refused, or when the person has filed
     * too many reports in the current window (429, {@link FilingRateLimit}).
     *
     * @return the case as {@link #show} gives it to the reporter: a new one from what the filing wrote, without
     *     reading it back; the first request's case as it is now when the key was used before
     */
    public IncidentView report(Caller reporter, ReportIncident request, String idempotencyKey) {
        checkInformant(request);
        // Only an onboarded organisation files cases: its profile gives the case-number prefix and the scheme.
        OrganisationProfile profile = organisations.require(organisationOf(reporter));
        UnitDirectory.Placement placement = units.forReport(reporter, organisationOf(reporter), request.unit());
        if (Boolean.TRUE.equals(request.drill())
                && !reporter.hasRole(Roles.CSIRT)
                && !reporter.hasRole(Roles.SECURITY_LEAD)) {
            // 第48条: drills are declared by those who run them, not slipped in.
            throw new ProblemException(403, "drill.filing-not-allowed");
        }
        UUID id = UUID.randomUUID();
        if (idempotencyKey != null) {
            Incident earlier = idempotency.claim(reporter.username(), idempotencyKey, request, id);
            if (earlier != null) {
                return show(reporter, earlier.id());
            }
        }
        // A retry of a filing already made is not a new filing: only new ones count against the person's limit.
        rateLimit.take(reporter);
        return create(id, reporter, request, placement, profile);
    }

    /** A report received from a vendor or citizen says from whom (第43条1項); other reports name no informant. */
    private static void checkInformant(ReportIncident request) {
        boolean onBehalf =
                request.reporterType() == ReporterType.VENDOR || request.reporterType() == ReporterType.CITIZEN;
        if (onBehalf && request.informant() == null) {
            throw ProblemException.invalidFields(List.of(FieldProblem.of(
                    "informant",
                    "field.informant-required",
                    request.reporterType().name())));
        }
        if (!onBehalf && request.informant() != null) {
            throw ProblemException.invalidFields(List.of(FieldProblem.of(
                    "informant",
                    "field.informant-not-for-type",
                    request.reporterType().name())));
        }
    }

    /** The caller's organisation: every caller of a case endpoint names one (OrganisationCaller). */
    public String organisationOf(Caller caller) {
        return caller.organisationRef().code();
    }

    /**
     * Writes the case, its first timeline entry and its event. The case number is taken last: the organisation's
     * counter row stays locked from then until the commit (that is what keeps the numbers gapless, a rolled-back
     * filing giving its number back), so every other filing of the organisation waits for what follows it here.
     * Only the writes that carry the number come after it.
     */
    private IncidentView create(
            UUID id,
            Caller reporter,
            ReportIncident request,
            UnitDirectory.Placement placement,
            OrganisationProfile profile) {
        Informant informant = request.informant() == null
                ? null
                : new Informant(
                        request.informant().name().strip(),
                        blankToNull(request.informant().organisation()),
                        request.informant().contact().strip(),
                        request.informant().channel());
        OffsetDateTime now = clock.now();
        Incident incident = Incident.reported(
                id,
                profile.code(),
                request.title().strip(),
                request.description().strip(),
                request.reporterType(),
                reporter.username(),
                placement.unit(),
                placement.department(),
                informant,
                request.kind() != null ? request.kind() : IncidentKind.SECURITY_INCIDENT,
                request.occurredAt(),
                request.discoveredAt(),
                now,
                Boolean.TRUE.equals(request.drill()));
        assessment.assessNew(incident);
        incident.numbered(organisations.nextCaseNumber(profile));
        incidents.persist(incident);

        // In the order jsonb keeps keys (shorter first), so the 201 built from it reads exactly as GET does.
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", incident.kind().name());
        details.put("unit", incident.unit());
        details.put("drill", incident.drill());
        details.put("number", incident.number());
        details.put("reporterType", incident.reporterType().name());
        TimelineEntry reported = timeline.start(
                incident.id(), TimelineType.REPORTED, incident.reportedAt(), reporter.username(), details);
        // The transaction's time, as the outbox would ask the database for it: one round trip less under the lock.
        outbox.append(
                IncidentReported.NAME,
                Organisation.of(incident.organisation()),
                incident.id().toString(),
                now.toInstant(),
                reported(incident, reporter));
        counters.filed(incident);
        return filed(reporter, incident, reported);
    }

    /**
     * The new case as {@link #show} gives it to its reporter, from what the filing wrote instead of four reads after
     * the commit (issue 13): a case just filed has one timeline entry and no legal duty yet (duties are identified
     * when the CSIRT records the case, {@code AssessmentService}); its times are kept as PostgreSQL keeps them.
     */
    private static IncidentView filed(Caller reporter, Incident incident, TimelineEntry reported) {
        return IncidentView.of(
                incident,
                List.of(),
                TimelineVisibility.filter(reporter, incident, List.of(TimelineEntryView.of(reported))));
    }

    /** The case with its timeline, if the caller may see it; otherwise 404, so that nothing leaks. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public IncidentView show(Caller caller, UUID id) {
        Incident incident = visible(caller, id);
        OffsetDateTime now = clock.now();
        // The reporter who reviews nothing of the case sees its progress, not its legal-duty internals (README).
        boolean reporterOnly = TimelineVisibility.of(caller, incident) == TimelineVisibility.Audience.REPORTER;
        List<LegalDutyView> legal = reporterOnly
                ? List.of()
                : duties.of(id).stream()
                        .map(d -> LegalDutyView.of(d, legalRules.nameOf(d.key().code()), now))
                        .toList();
        return IncidentView.of(incident, legal, TimelineVisibility.filter(caller, incident, timeline.of(id)));
    }

    /** The case if it exists and the caller may see it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Incident visible(Caller caller, UUID id) {
        Incident incident = incidents.findById(id);
        if (incident == null || !access.canSee(caller, incident)) {
            throw new ProblemException(404, "incident.not-found", id);
        }
        return incident;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static IncidentReported reported(Incident incident, Caller reporter) {
        return new IncidentReported(
                incident.id(),
                incident.number(),
                incident.organisation(),
                incident.kind(),
                incident.reporterType(),
                new IncidentReported.Reporter(
                        reporter.username(),
                        reporter.unit(),
                        reporter.department(),
                        reporter.roles().stream().sorted().toList()),
                incident.unit(),
                incident.department(),
                incident.occurredAt(),
                incident.discoveredAt(),
                incident.reportedAt(),
                incident.severity(),
                incident.drill());
    }
}
