package jp.horenso.escalation.hop.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.service.DirectoryService;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.SkipReason;
import jp.horenso.escalation.hop.repository.HopRepository;
import org.jboss.logging.Logger;

/**
 * Opens the hops of chain steps for a case: finds who holds each step's position relative to the case's
 * section and opens one hop per holder. A step that reaches nobody (vacant, unknown section, or only the
 * reporter) is recorded as SKIPPED and its {@code onTimeout} steps are opened instead, at once: the
 * automatic skip to the next level an absent role holder needs.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class HopOpener {

    private static final Logger LOG = Logger.getLogger(HopOpener.class);

    private final DirectoryService directory;
    private final HopRepository hops;
    private final EscalationConfig config;

    public HopOpener(DirectoryService directory, HopRepository hops, EscalationConfig config) {
        this.directory = directory;
        this.hops = hops;
        this.config = config;
    }

    /**
     * Opens {@code stepIds} (and, for skipped steps, their next levels).
     *
     * @param escalatedFrom the timed-out hop that led here; null at the chain's start
     * @return the hops opened now; a step that already reached a person in this case is not opened again
     */
    public List<OpenedHop> open(ChainRun run, Chain chain, List<String> stepIds, UUID escalatedFrom) {
        List<OpenedHop> opened = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(stepIds);
        // A chain whose skipped steps lead in a circle must not loop.
        Set<String> visited = new HashSet<>();
        while (!pending.isEmpty()) {
            String stepId = pending.removeFirst();
            if (!visited.add(stepId)) {
                continue;
            }
            ChainDocument.Step step = chain.step(stepId).orElseThrow(
                    () -> new IllegalStateException("chain v" + chain.version() + " has no step " + stepId));
            Resolution resolution = resolve(run, step.position());
            if (resolution.skipReason() != null) {
                boolean recorded = hops.insertSkipped(UUID.randomUUID(), run, stepId, step.position(),
                        resolution.skippedUsername(), resolution.skipReason(), escalatedFrom);
                if (recorded) {
                    LOG.warnf("case %s: step %s (%s) reaches nobody (%s); going on to %s", run.incidentNumber(),
                            stepId, step.position(), resolution.skipReason(), step.onTimeout());
                    pending.addAll(step.onTimeout() == null ? List.of() : step.onTimeout());
                }
                continue;
            }
            for (Person holder : resolution.holders()) {
                UUID hopId = UUID.randomUUID();
                hops.insertOpen(hopId, run, stepId, step.position(), holder,
                        Chain.ackWithin(step, config.immediate()), escalatedFrom)
                        .ifPresent(deadline -> opened.add(new OpenedHop(hopId, stepId, step.position(), holder,
                                deadline, escalatedFrom)));
            }
        }
        return opened;
    }

    private Resolution resolve(ChainRun run, Position position) {
        String organisation = run.organisation();
        List<Person> holders;
        switch (position) {
            case SECTION_CHIEF -> {
                if (directory.unit(organisation, run.unitCode()).isEmpty()) {
                    return Resolution.skipped(SkipReason.UNKNOWN_UNIT, null);
                }
                holders = directory.holders(organisation, position, run.unitCode());
            }
            case DEPARTMENT_HEAD -> {
                if (directory.unit(organisation, run.departmentCode()).isEmpty()) {
                    return Resolution.skipped(SkipReason.UNKNOWN_UNIT, null);
                }
                holders = directory.holders(organisation, position, run.departmentCode());
            }
            default -> holders = directory.holders(organisation, position, null);
        }
        if (holders.isEmpty()) {
            return Resolution.skipped(SkipReason.VACANT, null);
        }
        List<Person> others = holders.stream().filter(p -> !p.username().equals(run.reportedBy())).toList();
        if (others.isEmpty()) {
            return Resolution.skipped(SkipReason.REPORTER, run.reportedBy());
        }
        return new Resolution(others, null, null);
    }

    private record Resolution(List<Person> holders, SkipReason skipReason, String skippedUsername) {

        static Resolution skipped(SkipReason reason, String username) {
            return new Resolution(List.of(), reason, username);
        }
    }
}
