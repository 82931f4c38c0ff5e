package jp.horenso.escalation.hop.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.chain.validation.ChainValidator;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.HopTrigger;
import jp.horenso.escalation.hop.service.HopOpener.Opening;

/**
 * Opens the chain's conditional steps (第43条3項: the CISO when the severity is high, when the case is marked
 * 重大, when a legal report is due) once their condition holds. A step reaches a person once per case, so a
 * condition that holds again (or two that hold together) tells nobody twice.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ConditionalSteps {

    private final HopOpener opener;

    public ConditionalSteps(HopOpener opener) {
        this.opener = opener;
    }

    /** The steps of the case's severity conditions its current severity meets. */
    public Opening onSeverity(ChainRun run, Chain chain) {
        List<String> steps = new ArrayList<>();
        for (ChainDocument.Condition condition : chain.conditions(Chain.WHEN_SEVERITY)) {
            if (atLeast(run.severity(), condition.severityAtLeast())) {
                steps.addAll(condition.steps());
            }
        }
        return open(run, chain, steps, HopTrigger.SEVERITY);
    }

    /** The steps of the MARKED_SERIOUS conditions, for a case marked 重大. */
    public Opening onMarkedSerious(ChainRun run, Chain chain) {
        return open(run, chain, stepsOf(chain, Chain.WHEN_MARKED_SERIOUS), HopTrigger.MARKED_SERIOUS);
    }

    /** The steps of the LEGAL_REPORT_DUE conditions, for a case with a legal report duty. */
    public Opening onLegalReportDue(ChainRun run, Chain chain) {
        return open(run, chain, stepsOf(chain, Chain.WHEN_LEGAL_REPORT_DUE), HopTrigger.LEGAL_REPORT_DUE);
    }

    private Opening open(ChainRun run, Chain chain, List<String> steps, HopTrigger trigger) {
        if (steps.isEmpty()) {
            return new Opening(List.of(), List.of());
        }
        return opener.open(run, chain, steps, null, trigger);
    }

    private static List<String> stepsOf(Chain chain, String when) {
        return chain.conditions(when).stream().flatMap(c -> c.steps().stream()).toList();
    }

    static boolean atLeast(String severity, String threshold) {
        int rank = severity == null ? -1 : ChainValidator.SEVERITIES.indexOf(severity);
        return rank >= 0 && rank >= ChainValidator.SEVERITIES.indexOf(threshold);
    }
}
