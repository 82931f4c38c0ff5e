package jp.horenso.incident.disclosure.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jp.horenso.incident.assessment.legal.LegalDuty;
import jp.horenso.incident.cases.FunctionalImpact;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.disclosure.DisclosureMethod;
import jp.horenso.incident.disclosure.DisclosureProposal;
import jp.horenso.incident.disclosure.DisclosureProposal.Reason;

/**
 * Proposes how a case is made public from its severity and legal duties (第43条5項 "according to the degree",
 * regulatory.md R5: cases of an R1 category or with resident services down individually, others in the bulk
 * release twice a year). Drills and exception measures are not published. The CISO decides; this only proposes.
 */
@ApplicationScoped
public class DisclosureProposalRule {

    public DisclosureProposal propose(Incident c, List<LegalDuty> duties) {
        if (c.drill()) {
            return only(
                    new Reason("N1", DisclosureMethod.NONE, "訓練（第48条）の事案は公表しない", "A drill (Art. 48) is not published"));
        }
        if (c.kind() == IncidentKind.EXCEPTION_MEASURE) {
            return only(new Reason(
                    "N2",
                    DisclosureMethod.NONE,
                    "例外措置（第108条）はセキュリティ侵害ではないため公表しない",
                    "An exception measure (Art. 108) is not a security incident and is not published"));
        }
        List<Reason> reasons = new ArrayList<>();
        if (c.severity() == Severity.CRITICAL) {
            reasons.add(new Reason(
                    "P1",
                    DisclosureMethod.PRESS_CONFERENCE,
                    "重大度が「重大」: 侵害の程度に応じて記者会見を開く（第43条5項）",
                    "Severity is Critical: hold a press conference according to the degree (Art. 43(5))"));
        }
        for (LegalDuty d : duties) {
            if (d.withdrawnAt() == null) {
                reasons.add(new Reason(
                        "I1",
                        DisclosureMethod.INDIVIDUAL_PRESS_RELEASE,
                        "法定報告義務（" + d.key().code() + "）がある: 報告対象の漏えい等は個別に公表する（R5）",
                        "A legal reporting duty (" + d.key().code() + ") applies: reportable leaks are announced "
                                + "individually (R5)"));
            }
        }
        if (c.functionalImpact() == FunctionalImpact.HIGH) {
            reasons.add(new Reason(
                    "I2",
                    DisclosureMethod.INDIVIDUAL_PRESS_RELEASE,
                    "住民サービスが止まっている（機能への影響: 高）: 個別に公表する（R5）",
                    "Resident services are down (functional impact high): announce individually (R5)"));
        }
        if (c.severity() == Severity.HIGH) {
            reasons.add(new Reason(
                    "I3",
                    DisclosureMethod.INDIVIDUAL_PRESS_RELEASE,
                    "重大度が「高」: 個別に報道発表する（第43条5項）",
                    "Severity is High: issue an individual press release (Art. 43(5))"));
        }
        reasons.add(new Reason(
                "B1",
                DisclosureMethod.PERIODIC_BULK_RELEASE,
                "その他の事案は年2回の一括公表で公表する（R5）",
                "Other cases are published in the bulk release twice a year (R5)"));
        DisclosureMethod strongest = reasons.stream()
                .map(Reason::method)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        return new DisclosureProposal(
                strongest, reasons.stream().filter(r -> r.method() == strongest).toList());
    }

    private static DisclosureProposal only(Reason reason) {
        return new DisclosureProposal(reason.method(), List.of(reason));
    }
}
