package jp.horenso.incident.assessment.severity;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jp.horenso.incident.assessment.classification.ClassificationSchemes.Axis;
import jp.horenso.incident.assessment.classification.ClassificationSchemes.Scheme;
import jp.horenso.incident.cases.FunctionalImpact;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.InformationAsset;
import jp.horenso.incident.cases.InformationImpact;
import jp.horenso.incident.cases.NetworkZone;
import jp.horenso.incident.cases.PersonalData;
import jp.horenso.incident.cases.PersonalDataKind;
import jp.horenso.incident.cases.Recoverability;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.cases.SeverityReason;
import jp.horenso.incident.cases.ThreatCategory;

/**
 * The documented severity rule (docs/severity.md): every rule that matches the case adds a reason; the severity is
 * the highest level any reason asks for, LOW when none does.
 */
@ApplicationScoped
public class SeverityRule {

    /** The computed severity and the reasons that produced it, highest first. */
    public record Assessment(Severity severity, List<SeverityReason> reasons) {}

    /**
     * @param legalDutyApplies whether a legal report duty (R1, R2) applies to the case
     */
    public Assessment assess(Incident c, Scheme scheme, boolean legalDutyApplies) {
        List<SeverityReason> reasons = new ArrayList<>();
        PersonalData pd = c.personalData();
        boolean leak = LeakFacts.personalDataLeak(c);
        boolean unencrypted = pd != null && !pd.stronglyEncrypted();
        int persons = pd != null && pd.persons() != null ? pd.persons() : 0;

        if (leak && unencrypted && pd.kinds().contains(PersonalDataKind.MY_NUMBER)) {
            add(
                    reasons,
                    "C1",
                    Severity.CRITICAL,
                    "特定個人情報（マイナンバー）が暗号化されずに漏えい等した",
                    "My Number data leaked without strong encryption");
        }
        if (leak && persons > 1000) {
            add(
                    reasons,
                    "C2",
                    Severity.CRITICAL,
                    "1,000人を超える本人の個人情報が漏えい等した",
                    "personal data of more than 1,000 persons leaked");
        }
        if (c.ongoing() && c.networkZone() == NetworkZone.MY_NUMBER_USE) {
            add(reasons, "C3", Severity.CRITICAL, "マイナンバー利用事務系で事象が継続している", "still ongoing in the My Number zone");
        }
        if (legalDutyApplies) {
            add(
                    reasons,
                    "H1",
                    Severity.HIGH,
                    "法令に基づく個人情報保護委員会への報告義務がある",
                    "a legal report to the Personal Information Protection Commission is due");
        }
        boolean informationAffected = c.informationImpact() != null && c.informationImpact() != InformationImpact.NONE;
        if (informationAffected && maxLevel(c, scheme, Axis.confidentiality) >= 3) {
            add(reasons, "H2", Severity.HIGH, "機密性3の情報資産に影響がある", "an asset of confidentiality 3 is affected");
        }
        boolean severeOperationalHarm = c.functionalImpact() == FunctionalImpact.HIGH
                || c.recoverability() == Recoverability.EXTENDED
                || c.recoverability() == Recoverability.NOT_RECOVERABLE;
        if (severeOperationalHarm
                && (maxLevel(c, scheme, Axis.integrity) >= 2 || maxLevel(c, scheme, Axis.availability) >= 2)) {
            add(
                    reasons,
                    "H3",
                    Severity.HIGH,
                    "完全性2または可用性2の情報資産について業務への影響が大きい、または復旧が困難",
                    "an asset of integrity 2 or availability 2 is badly impaired or hard to recover");
        }
        if (c.ongoing() && c.threatCategory() == ThreatCategory.INTENTIONAL_ATTACK) {
            add(reasons, "H4", Severity.HIGH, "意図的な攻撃が継続している", "an intentional attack is still going on");
        }
        if (leak) {
            add(reasons, "M1", Severity.MEDIUM, "個人情報の漏えい等がある", "personal data leaked or may have leaked");
        }
        if (informationAffected && maxLevel(c, scheme, Axis.confidentiality) == 2) {
            add(reasons, "M2", Severity.MEDIUM, "機密性2の情報資産に影響がある", "an asset of confidentiality 2 is affected");
        }
        if (c.functionalImpact() == FunctionalImpact.MEDIUM || c.functionalImpact() == FunctionalImpact.HIGH) {
            add(reasons, "M3", Severity.MEDIUM, "業務への影響が中程度以上", "the city's services are impaired");
        }
        if (c.networkZone() == NetworkZone.LGWAN || c.networkZone() == NetworkZone.MY_NUMBER_USE) {
            add(reasons, "M4", Severity.MEDIUM, "LGWAN接続系またはマイナンバー利用事務系で発生", "happened in the LGWAN or My Number zone");
        }
        reasons.sort(Comparator.comparing(SeverityReason::level).reversed().thenComparing(SeverityReason::rule));
        Severity severity = reasons.isEmpty() ? Severity.LOW : reasons.get(0).level();
        if (reasons.isEmpty()) {
            reasons.add(new SeverityReason("L0", Severity.LOW, "上位の規則に該当しない", "no rule above applies"));
        }
        return new Assessment(severity, List.copyOf(reasons));
    }

    private static void add(List<SeverityReason> reasons, String rule, Severity level, String ja, String en) {
        reasons.add(new SeverityReason(rule, level, ja, en));
    }

    private static int maxLevel(Incident c, Scheme scheme, Axis axis) {
        int max = 0;
        for (InformationAsset asset : c.assets()) {
            String level = switch (axis) {
                case confidentiality -> asset.confidentiality();
                case integrity -> asset.integrity();
                case availability -> asset.availability();
            };
            Integer normalised = scheme.normalise(axis, level);
            if (normalised != null) {
                max = Math.max(max, normalised);
            }
        }
        return max;
    }
}
