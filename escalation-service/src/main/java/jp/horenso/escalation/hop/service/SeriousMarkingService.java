package jp.horenso.escalation.hop.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.service.ChainCatalog;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.service.HopOpener.Opening;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Records that a department head (for a case of their department) or the security lead judged a case 重大
 * (第43条3項) and opens the chain's MARKED_SERIOUS steps: the report to the CISO.
 */
@ApplicationScoped
@Transactional
public class SeriousMarkingService {

    /** Role of a department head: may mark the cases of their own department. */
    public static final String DEPARTMENT_HEAD = "department-head";
    /** Role of the security lead: may mark any case of the organisation (and report to the CISO itself). */
    public static final String SECURITY_LEAD = "security-lead";

    private static final Logger LOG = Logger.getLogger(SeriousMarkingService.class);

    private final ChainRunRepository runs;
    private final ChainCatalog chains;
    private final ConditionalSteps conditional;
    private final ChainEventWriter events;
    private final DatabaseClock clock;

    public SeriousMarkingService(
            ChainRunRepository runs,
            ChainCatalog chains,
            ConditionalSteps conditional,
            ChainEventWriter events,
            DatabaseClock clock) {
        this.runs = runs;
        this.chains = chains;
        this.conditional = conditional;
        this.events = events;
        this.clock = clock;
    }

    /** The marking and the hops it opened now (none when the case was marked before: the first marking stays). */
    public record Marking(ChainRun run, List<OpenedHop> opened) {}

    /**
     * Marks the case serious.
     *
     * @throws ProblemException 404 when no chain runs for the case in the caller's organisation; 403 when a
     *         department head marks a case of another department
     */
    public Marking mark(Caller caller, UUID incidentId, String reason) {
        ChainRun run = runs.lockRun(incidentId)
                .filter(r -> r.organisation().equals(caller.organisation()))
                .orElseThrow(() -> ProblemException.notFound(Message.text(
                        "事案 " + incidentId + " の報告経路はありません。", "No reporting chain runs for case " + incidentId + ".")));
        if (!caller.hasRole(SECURITY_LEAD) && !run.departmentCodeOrEmpty().equals(caller.department())) {
            throw ProblemException.forbidden(Message.text(
                    "部長等は自部の事案だけを重大と判断できます（第43条3項）。",
                    "A department head may mark only the cases of their own department (Article 43(3))."));
        }
        if (run.markedSerious()) {
            return new Marking(run, List.of());
        }
        Instant now = clock.transactionTime();
        run.markSerious(caller.username(), now, reason);
        events.incidentMarkedSerious(run, now);
        Chain chain = chains.version(run.organisation(), run.chainVersion());
        Opening opened = conditional.onMarkedSerious(run, chain);
        events.opened(run, opened, ChainEventWriter.ESCALATION, now);
        LOG.infof(
                "case %s marked serious by %s; told %s",
                run.incidentNumber(),
                caller.username(),
                opened.hops().stream().map(h -> h.recipient().username()).toList());
        return new Marking(run, opened.hops());
    }
}
