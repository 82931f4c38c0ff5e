package jp.horenso.incident.assessment.legal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.horenso.incident.cases.Incident;

/**
 * The legal reporting duties of regulatory.md R1 and R2 as a rule set in data ({@code rules/legal-duties.json}):
 * which duties apply to a case, why, under which source, and with which periods.
 */
@ApplicationScoped
public class LegalDutyRules {

    /** A text in both languages. */
    public record Text(String ja, String en) {}

    /**
     * A duty that applies to a case.
     *
     * @param reasons the facts of the rule's {@code any} list that hold, as text
     * @param personsNotice the period for the notice to the persons (本人通知), null when the duty has none
     */
    public record ApplicableDuty(
            String code,
            Text name,
            Text recipient,
            String source,
            List<Text> reasons,
            Period promptReport,
            Period promptReminder,
            Period finalReport,
            Period personsNotice,
            String ruleSetVersion) {}

    /** 本人通知 when the rule set gives no period: the law says only 速やかに (see the rules file's verify note). */
    static final Period DEFAULT_PERSONS_NOTICE = Period.ofDays(30);

    private final JsonNode rules;

    public LegalDutyRules(ObjectMapper mapper) {
        try (InputStream in = getClass().getResourceAsStream("/rules/legal-duties.json")) {
            rules = mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String version() {
        return rules.get("version").asText();
    }

    /** The duty's name and recipient by code, from the rule set. */
    public Text nameOf(String code) {
        for (JsonNode duty : rules.get("duties")) {
            if (duty.get("code").asText().equals(code)) {
                return text(duty.get("name"));
            }
        }
        return new Text(code, code);
    }

    /** Every duty whose facts hold for the case. */
    public List<ApplicableDuty> applicableTo(Incident incident) {
        Set<String> facts = LegalFacts.of(incident);
        List<ApplicableDuty> duties = new ArrayList<>();
        for (JsonNode duty : rules.get("duties")) {
            if (!allHold(duty.get("all"), facts)) {
                continue;
            }
            List<Text> reasons = new ArrayList<>();
            JsonNode any = duty.get("any");
            if (any != null) {
                for (JsonNode fact : any) {
                    if (facts.contains(fact.asText())) {
                        JsonNode text = duty.at("/reasons/" + fact.asText());
                        reasons.add(new Text(
                                text.path("ja").asText(fact.asText()),
                                text.path("en").asText(fact.asText())));
                    }
                }
                if (reasons.isEmpty()) {
                    continue;
                }
            }
            Period finalReport = Period.parse(duty.get("finalReport").asText());
            JsonNode when = duty.get("finalReportWhen");
            if (when != null) {
                for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) when::fields) {
                    if (facts.contains(e.getKey())) {
                        finalReport = Period.parse(e.getValue().asText());
                    }
                }
            }
            Period personsNotice = null;
            if (duty.path("noticeToPersons").asBoolean(false)) {
                JsonNode period = duty.at("/personsNotice/period");
                personsNotice = period.isMissingNode() ? DEFAULT_PERSONS_NOTICE : Period.parse(period.asText());
            }
            duties.add(new ApplicableDuty(
                    duty.get("code").asText(),
                    text(duty.get("name")),
                    text(duty.get("recipient")),
                    duty.get("source").asText(),
                    List.copyOf(reasons),
                    Period.parse(duty.get("promptReport").asText()),
                    Period.parse(duty.get("promptReminder").asText()),
                    finalReport,
                    personsNotice,
                    version()));
        }
        return duties;
    }

    private static boolean allHold(JsonNode all, Set<String> facts) {
        if (all == null) {
            return true;
        }
        for (JsonNode fact : all) {
            if (!facts.contains(fact.asText())) {
                return false;
            }
        }
        return true;
    }

    private static Text text(JsonNode node) {
        return new Text(node.path("ja").asText(), node.path("en").asText());
    }
}
