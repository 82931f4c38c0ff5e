package jp.horenso.incident.assessment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.horenso.incident.assessment.event.LegalReportSubmitted;
import jp.horenso.incident.assessment.legal.LegalDuty;
import jp.horenso.incident.assessment.legal.LegalDutyRepository;
import jp.horenso.incident.assessment.legal.LegalDutyRules;
import jp.horenso.incident.assessment.rest.CommissionReportDraft;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.PersonalDataKind;
import jp.horenso.incident.cases.service.CaseGuards;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.disclosure.service.DisclosureStatus;
import jp.horenso.incident.response.service.ResponseReportText;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.Organisation;

/** Records legal report submissions (which stop the clock) and drafts the commission report from the case. */
@ApplicationScoped
@Transactional
public class LegalDutyService {

    private static final DateTimeFormatter JAPANESE_TIME =
            DateTimeFormatter.ofPattern("yyyy年M月d日 H時mm分").withZone(JapanTime.ZONE);
    private static final String UNDER_INVESTIGATION = "調査中";

    private final IncidentService incidents;
    private final LegalDutyRepository duties;
    private final LegalDutyRules rules;
    private final TimelineService timeline;
    private final Outbox outbox;
    private final ResponseReportText response;
    private final DisclosureStatus disclosure;
    private final JapanTime clock;

    public LegalDutyService(
            IncidentService incidents,
            LegalDutyRepository duties,
            LegalDutyRules rules,
            TimelineService timeline,
            Outbox outbox,
            ResponseReportText response,
            DisclosureStatus disclosure,
            JapanTime clock) {
        this.clock = clock;
        this.disclosure = disclosure;
        this.incidents = incidents;
        this.duties = duties;
        this.rules = rules;
        this.timeline = timeline;
        this.outbox = outbox;
        this.response = response;
    }

    public void recordSubmission(Caller caller, UUID incidentId, String code, SubmitLegalReport r) {
        Incident incident = incidents.visible(caller, incidentId);
        CaseGuards.requireNotWithdrawn(incident);
        LegalDuty duty = duty(incident, code);
        if (r.report() == SubmitLegalReport.Report.PROMPT) {
            duty.promptSubmitted(r.submittedAt(), r.reference().strip());
        } else {
            if (duty.promptSubmittedAt() == null) {
                throw new ProblemException(409, "legal.final-before-prompt");
            }
            duty.finalSubmitted(r.submittedAt(), r.reference().strip());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", code);
        details.put("report", r.report().name());
        details.put("submittedAt", JapanTime.format(r.submittedAt()));
        details.put("reference", r.reference().strip());
        timeline.append(
                incident.id(), TimelineType.LEGAL_REPORT_SUBMITTED, clock.now(), caller.username(), details, null);
        outbox.append(
                LegalReportSubmitted.NAME,
                Organisation.of(incident.organisation()),
                incident.id().toString(),
                new LegalReportSubmitted(
                        incident.id(),
                        code,
                        r.report().name(),
                        r.submittedAt(),
                        r.reference().strip(),
                        caller.username()));
    }

    /**
     * The nine items of the commission report, drafted from the case. Items the case does not know yet say so
     * (調査中), for the CSIRT to complete before submitting.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CommissionReportDraft draft(Caller caller, UUID incidentId, String code) {
        Incident c = incidents.visible(caller, incidentId);
        LegalDuty duty = duty(c, code);
        List<CommissionReportDraft.Item> items = new ArrayList<>();
        items.add(item(
                1,
                "overview",
                "概要",
                "Overview",
                c.title() + "。" + c.description() + "（発生: " + JAPANESE_TIME.format(c.occurredAt()) + "、発見: "
                        + JAPANESE_TIME.format(c.discoveredAt()) + "）"));
        items.add(item(
                2,
                "items",
                "漏えい等が発生し、又は発生したおそれがある保有個人情報の項目",
                "Items of personal information concerned",
                c.personalData() == null
                        ? UNDER_INVESTIGATION
                        : c.personalData().kinds().stream()
                                .map(LegalDutyService::kindLabel)
                                .collect(Collectors.joining("、"))));
        items.add(item(
                3,
                "persons",
                "本人の数",
                "Number of persons",
                c.personalData() == null || c.personalData().persons() == null
                        ? UNDER_INVESTIGATION
                        : c.personalData().persons() + "人"));
        items.add(item(4, "cause", "原因", "Cause", orUnknown(c.cause())));
        items.add(item(
                5,
                "secondaryDamage",
                "二次被害又はそのおそれの有無及びその内容",
                "Secondary damage",
                c.damageExtent() == null && c.damageScope() == null
                        ? UNDER_INVESTIGATION
                        : "被害の程度: " + orUnknown(c.damageExtent()) + " / 被害の範囲: " + orUnknown(c.damageScope())));
        // Items 6–8 are completed from the response record (notices, disclosure, recurrence prevention).
        items.add(item(
                6,
                "responseToPersons",
                "本人への対応の実施状況",
                "Response to the persons",
                orUnknown(response.responseToPersons(c))));
        items.add(item(7, "publicDisclosure", "公表の実施状況", "Public disclosure", disclosure.japanese(c.id())));
        items.add(item(
                8,
                "recurrencePrevention",
                "再発防止のための措置",
                "Recurrence prevention",
                orUnknown(response.recurrencePrevention(c))));
        items.add(item(
                9,
                "other",
                "その他参考となる事項",
                "Other",
                "報告義務の根拠: " + duty.source() + "（"
                        + duty.reasons().stream().map(LegalDutyRules.Text::ja).collect(Collectors.joining("、")) + "）"
                        + (c.networkZone() == null ? "" : "。ネットワーク: " + c.networkZone())));
        return new CommissionReportDraft(c.number(), code, "個人情報保護委員会", clock.now(), items);
    }

    private LegalDuty duty(Incident incident, String code) {
        LegalDuty duty = duties.findById(new LegalDuty.Key(incident.id(), code));
        if (duty == null || duty.withdrawnAt() != null) {
            throw new ProblemException(404, "incident.legal-duty-not-found", incident.number(), code);
        }
        return duty;
    }

    private static CommissionReportDraft.Item item(int no, String key, String ja, String en, String value) {
        return new CommissionReportDraft.Item(no, key, ja, en, value);
    }

    private static String orUnknown(String s) {
        return s == null ? UNDER_INVESTIGATION : s;
    }

    private static String kindLabel(PersonalDataKind kind) {
        return switch (kind) {
            case BASIC -> "個人情報";
            case SENSITIVE -> "要配慮個人情報";
            case ORDINANCE_SENSITIVE -> "条例要配慮個人情報";
            case MY_NUMBER -> "特定個人情報";
        };
    }
}
