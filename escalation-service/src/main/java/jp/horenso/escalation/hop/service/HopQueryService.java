package jp.horenso.escalation.hop.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;

/** Reads the hops of a case for the people entitled to see them. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class HopQueryService {

    private final ChainRunRepository runs;
    private final HopRepository hops;

    public HopQueryService(ChainRunRepository runs, HopRepository hops) {
        this.runs = runs;
        this.hops = hops;
    }

    /**
     * The case's hops in the order they were opened.
     *
     * @param callerOrganisation the caller's organisation; a case of another organisation is not found
     * @throws ProblemException 404 when no chain runs for the case, or it is another organisation's
     */
    public List<Hop> hopsOf(UUID incidentId, String callerOrganisation) {
        ChainRun run = runs.findById(incidentId);
        if (run == null || !run.organisation().equals(callerOrganisation)) {
            throw ProblemException.notFound(Message.text(
                    "事案 " + incidentId + " の報告経路はありません。", "No reporting chain runs for case " + incidentId + "."));
        }
        return hops.ofIncident(incidentId);
    }
}
