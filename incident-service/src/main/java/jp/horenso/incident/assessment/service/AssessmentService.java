package jp.horenso.incident.assessment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import jp.horenso.incident.assessment.classification.ClassificationSchemes;
import jp.horenso.incident.assessment.event.LegalDutyIdentified;
import jp.horenso.incident.assessment.event.LegalDutyRevised;
import jp.horenso.incident.assessment.event.LegalDutyWithdrawn;
import jp.horenso.incident.assessment.event.SeverityAssessed;
import jp.horenso.incident.assessment.legal.LegalDuty;
import jp.horenso.incident.assessment.legal.LegalDutyRepository;
import jp.horenso.incident.assessment.legal.LegalDutyRules;
import jp.horenso.incident.assessment.severity.SeverityRule;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.cases.SeverityReason;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.security.Organisation;

/**
 * Keeps a case's severity and legal duties in step with its record: recomputes both after every change, writes
 * what changed on the timeline and publishes it, so that escalation-service can run the legal clocks.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AssessmentService {

    private static final ZoneId JAPAN = JapanTime.ZONE;

    private final SeverityRule severityRule;
    private final LegalDutyRules legalRules;
    private final ClassificationSchemes schemes;
    private final LegalDutyRepository duties;
    private final TimelineService timeline;
    private final JapanTime clock;
    private final Outbox outbox;

    public AssessmentService(
            SeverityRule severityRule,
            LegalDutyRules legalRules,
            ClassificationSchemes schemes,
            LegalDutyRepository duties,
            TimelineService timeline,
            Outbox outbox,
            JapanTime clock) {
        this.clock = clock;
        this.severityRule = severityRule;
        this.legalRules = legalRules;
        this.schemes = schemes;
        this.duties = duties;
        this.timeline = timeline;
        this.outbox = outbox;
    }

    /** Recomputes legal duties, then severity (which reads them), after a change made by {@code actor}. */
    public void reassess(Incident incident, String actor) {
        List<LegalDutyRules.ApplicableDuty> applicable = legalRules.applicableTo(incident);
        reconcileDuties(incident, applicable, actor);
        SeverityRule.Assessment assessment =
                severityRule.assess(incident, schemes.forOrganisation(incident.organisation()), !applicable.isEmpty());
        if (assessment.severity() != incident.computedSeverity()
                || !ruleIds(assessment.reasons()).equals(ruleIds(incident.severityReasons()))) {
            incident.assessed(assessment.severity(), assessment.reasons());
            severityChanged(incident, actor);
        }
    }

    /** Sets the severity computed at filing time, without an event: IncidentReported carries it. */
    public void assessNew(Incident incident) {
        SeverityRule.Assessment assessment = severityRule.assess(
                incident,
                schemes.forOrganisation(incident.organisation()),
                !legalRules.applicableTo(incident).isEmpty());
        incident.assessed(assessment.severity(), assessment.reasons());
    }

    /** The CSIRT overrides the computed severity; the reason is recorded (null severity: back to computed). */
    public void override(Incident incident, Severity severity, String reason, String actor) {
        Severity before = incident.severity();
        incident.overrideSeverity(severity, reason, actor, clock.now());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", before.name());
        details.put("after", incident.severity().name());
        details.put("override", severity == null ? null : severity.name());
        details.put("reason", reason);
        timeline.append(incident.id(), TimelineType.SEVERITY_OVERRIDDEN, clock.now(), actor, details, null);
        publishSeverity(incident, actor);
    }

    private void severityChanged(Incident incident, String actor) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("computed", incident.computedSeverity().name());
        details.put("severity", incident.severity().name());
        details.put("rules", ruleIds(incident.severityReasons()));
        timeline.append(incident.id(), TimelineType.SEVERITY_ASSESSED, clock.now(), actor, details, null);
        publishSeverity(incident, actor);
    }

    private void publishSeverity(Incident incident, String actor) {
        List<SeverityAssessed.Reason> reasons = incident.severityReasons().stream()
                .map(r -> new SeverityAssessed.Reason(r.rule(), r.level()))
                .toList();
        outbox.append(
                SeverityAssessed.NAME,
                Organisation.of(incident.organisation()),
                incident.id().toString(),
                new SeverityAssessed(
                        incident.id(),
                        incident.severity(),
                        incident.computedSeverity(),
                        incident.severityOverride() != null,
                        reasons,
                        actor,
                        incident.drill()));
    }

    private void reconcileDuties(Incident incident, List<LegalDutyRules.ApplicableDuty> applicable, String actor) {
        Map<String, LegalDuty> existing = duties.of(incident.id()).stream()
                .collect(Collectors.toMap(d -> d.key().code(), d -> d));
        for (LegalDutyRules.ApplicableDuty duty : applicable) {
            LegalDuty row = existing.get(duty.code());
            if (row != null && row.withdrawnAt() == null) {
                if (row.open()) {
                    revise(incident, row, duty, actor);
                }
                continue;
            }
            boolean isNew = row == null;
            if (isNew) {
                row = LegalDuty.of(incident.id(), duty.code());
            }
            Deadlines deadlines = Deadlines.of(incident, duty);
            row.identify(
                    duty.ruleSetVersion(),
                    duty.source(),
                    duty.reasons(),
                    clock.now(),
                    deadlines.prompt(),
                    deadlines.finalReport(),
                    deadlines.personsNotice());
            if (isNew) {
                duties.persist(row);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("code", duty.code());
            details.put("name", duty.name().ja());
            details.put("source", duty.source());
            details.put("reasons", reasonTexts(duty));
            details.put("promptDueAt", JapanTime.format(row.promptDueAt()));
            details.put("finalDueAt", JapanTime.format(row.finalDueAt()));
            details.put("personsNoticeDueAt", format(row.personsNoticeDueAt()));
            timeline.append(incident.id(), TimelineType.LEGAL_DUTY_IDENTIFIED, clock.now(), actor, details, null);

            outbox.append(
                    LegalDutyIdentified.NAME,
                    Organisation.of(incident.organisation()),
                    incident.id().toString(),
                    new LegalDutyIdentified(
                            incident.id(),
                            incident.number(),
                            duty.code(),
                            duty.recipient().ja(),
                            duty.source(),
                            incident.discoveredAt(),
                            row.promptDueAt(),
                            deadlines.promptReminder(),
                            row.finalDueAt(),
                            row.personsNoticeDueAt(),
                            incident.drill()));
        }
        Set<String> applicableCodes =
                applicable.stream().map(LegalDutyRules.ApplicableDuty::code).collect(Collectors.toSet());
        for (LegalDuty row : existing.values()) {
            if (row.open() && !applicableCodes.contains(row.key().code())) {
                row.withdraw(clock.now());
                timeline.append(
                        incident.id(),
                        TimelineType.LEGAL_DUTY_WITHDRAWN,
                        clock.now(),
                        actor,
                        Map.of("code", row.key().code()),
                        null);
                outbox.append(
                        LegalDutyWithdrawn.NAME,
                        Organisation.of(incident.organisation()),
                        incident.id().toString(),
                        new LegalDutyWithdrawn(incident.id(), row.key().code(), row.withdrawnAt()));
            }
        }
    }

    /**
     * A duty still open after a fact changed: its reasons follow the facts, and when its deadlines move (e.g. 30 → 60
     * days for an improper purpose, 規則43条3号) the change is on the timeline and published, so the clocks move too.
     */
    private void revise(Incident incident, LegalDuty row, LegalDutyRules.ApplicableDuty duty, String actor) {
        row.followFacts(duty.ruleSetVersion(), duty.source(), duty.reasons());
        Deadlines deadlines = Deadlines.of(incident, duty);
        if (same(row.promptDueAt(), deadlines.prompt())
                && same(row.finalDueAt(), deadlines.finalReport())
                && same(row.personsNoticeDueAt(), deadlines.personsNotice())) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", duty.code());
        details.put("promptDueAt", beforeAfter(format(row.promptDueAt()), format(deadlines.prompt())));
        details.put("finalDueAt", beforeAfter(format(row.finalDueAt()), format(deadlines.finalReport())));
        details.put(
                "personsNoticeDueAt", beforeAfter(format(row.personsNoticeDueAt()), format(deadlines.personsNotice())));
        details.put("reasons", reasonTexts(duty));
        row.moveDeadlines(deadlines.prompt(), deadlines.finalReport(), deadlines.personsNotice());
        OffsetDateTime now = clock.now();
        timeline.append(incident.id(), TimelineType.LEGAL_DUTY_REVISED, now, actor, details, null);

        outbox.append(
                LegalDutyRevised.NAME,
                Organisation.of(incident.organisation()),
                incident.id().toString(),
                new LegalDutyRevised(
                        incident.id(),
                        incident.number(),
                        duty.code(),
                        duty.recipient().ja(),
                        duty.source(),
                        incident.discoveredAt(),
                        row.promptDueAt(),
                        deadlines.promptReminder(),
                        row.finalDueAt(),
                        row.personsNoticeDueAt(),
                        incident.drill(),
                        reasonTexts(duty),
                        now));
    }

    /** A duty's deadlines: calendar days from discovery, counted in Japan time (regulatory.md R1). */
    private record Deadlines(
            OffsetDateTime prompt,
            OffsetDateTime promptReminder,
            OffsetDateTime finalReport,
            OffsetDateTime personsNotice) {

        static Deadlines of(Incident incident, LegalDutyRules.ApplicableDuty duty) {
            OffsetDateTime discovered =
                    incident.discoveredAt().atZoneSameInstant(JAPAN).toOffsetDateTime();
            return new Deadlines(
                    discovered.plus(duty.promptReport()),
                    discovered.plus(duty.promptReminder()),
                    discovered.plus(duty.finalReport()),
                    duty.personsNotice() == null ? null : discovered.plus(duty.personsNotice()));
        }
    }

    private static List<String> reasonTexts(LegalDutyRules.ApplicableDuty duty) {
        return duty.reasons().stream().map(LegalDutyRules.Text::ja).toList();
    }

    private static boolean same(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }

    private static String format(OffsetDateTime t) {
        return t == null ? null : JapanTime.format(t);
    }

    private static Map<String, Object> beforeAfter(Object before, Object after) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", before);
        change.put("after", after);
        return change;
    }

    private static List<String> ruleIds(List<SeverityReason> reasons) {
        return reasons.stream()
                .map(SeverityReason::rule)
                .filter(Objects::nonNull)
                .toList();
    }
}
