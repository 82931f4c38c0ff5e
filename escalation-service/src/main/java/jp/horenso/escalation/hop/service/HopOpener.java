package jp.horenso.escalation.hop.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.common.time.OfficeCalendar;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.Reachable;
import jp.horenso.escalation.directory.service.DirectoryService;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopTrigger;
import jp.horenso.escalation.hop.SkipReason;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.hop.repository.HopRepository.NewHop;
import jp.horenso.escalation.hop.repository.OutsideNotificationRepository;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Opens the hops of chain steps for a case: finds who can be told for each step's position relative to the
 * case's section (a present holder, or a valid deputy standing in) and opens one hop per person; a step naming
 * an outside body tells that body once. A step that reaches nobody (vacant without deputy, everyone absent,
 * unknown section, or only the reporter) is recorded as SKIPPED and its {@code onTimeout} steps are opened
 * instead, at once: the automatic skip to the next level an absent role holder needs.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class HopOpener {

    private static final Logger LOG = Logger.getLogger(HopOpener.class);

    private final DirectoryService directory;
    private final HopRepository hops;
    private final OutsideNotificationRepository outside;
    private final EscalationConfig config;
    private final OfficeCalendar calendar;
    private final DatabaseClock clock;

    public HopOpener(
            DirectoryService directory,
            HopRepository hops,
            OutsideNotificationRepository outside,
            EscalationConfig config,
            OfficeCalendar calendar,
            DatabaseClock clock) {
        this.directory = directory;
        this.hops = hops;
        this.outside = outside;
        this.config = config;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** What opening steps did: the hops opened and the outside bodies told. */
    public record Opening(List<OpenedHop> hops, List<ToldOutsideBody> outsideBodies) {

        public boolean isEmpty() {
            return hops.isEmpty() && outsideBodies.isEmpty();
        }
    }

    /** An outside body told by a step. */
    public record ToldOutsideBody(String chainStep, ChainDocument.OutsideBody body) {}

    /**
     * Opens {@code stepIds} (and, for skipped steps, their next levels).
     *
     * @param escalatedFrom the timed-out hop that led here; null otherwise
     * @param trigger what opens them
     * @return the hops opened now and the outside bodies told now; a step that already reached a person (or
     *         body) in this case is not opened again
     */
    public Opening open(ChainRun run, Chain chain, List<String> stepIds, UUID escalatedFrom, HopTrigger trigger) {
        return open(run, chain, stepIds, escalatedFrom, trigger, null);
    }

    /**
     * As {@link #open(ChainRun, Chain, List, UUID, HopTrigger)}; {@code forwardedFrom} is the acknowledged hop
     * whose {@code onAcknowledge} these steps are (trigger ACKNOWLEDGED). A stopped case opens nothing.
     */
    public Opening open(
            ChainRun run,
            Chain chain,
            List<String> stepIds,
            UUID escalatedFrom,
            HopTrigger trigger,
            UUID forwardedFrom) {
        if (run.stopped()) {
            LOG.debugf("case %s is stopped; %s not opened", run.incidentNumber(), stepIds);
            return new Opening(List.of(), List.of());
        }
        List<OpenedHop> opened = new ArrayList<>();
        List<ToldOutsideBody> told = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(stepIds);
        // Skipped steps lead on to their next levels; a chain is checked to be free of cycles, but a stored
        // older version might not be: never loop.
        Set<String> visited = new HashSet<>();
        while (!pending.isEmpty()) {
            String stepId = pending.removeFirst();
            if (!visited.add(stepId)) {
                continue;
            }
            ChainDocument.Step step = chain.step(stepId)
                    .orElseThrow(
                            () -> new IllegalStateException("chain v" + chain.version() + " has no step " + stepId));
            if (step.outsideBody() != null) {
                ChainDocument.OutsideBody body =
                        chain.outsideBody(step.outsideBody()).orElseThrow();
                if (outside.insertIfAbsent(run, stepId, body)) {
                    told.add(new ToldOutsideBody(stepId, body));
                }
                continue;
            }
            Optional<SkipReason> unknownUnit = unknownUnit(run, step.position());
            Reachable reachable = unknownUnit.isPresent()
                    ? null
                    : directory.reachable(
                            run.organisation(), step.position(), unitOf(run, step.position()), run.reportedBy());
            if (unknownUnit.isPresent() || reachable.unreachable() != null) {
                SkipReason reason = unknownUnit.orElseGet(
                        () -> SkipReason.valueOf(reachable.unreachable().name()));
                boolean recorded = hops.insertSkipped(
                        UUID.randomUUID(),
                        run,
                        stepId,
                        step.position(),
                        reachable == null ? null : reachable.skippedUsername(),
                        reason,
                        escalatedFrom,
                        trigger);
                if (recorded) {
                    LOG.warnf(
                            "case %s: step %s (%s) reaches nobody (%s); going on to %s",
                            run.incidentNumber(), stepId, step.position(), reason, step.onTimeoutOrNone());
                    pending.addAll(step.onTimeoutOrNone());
                }
                continue;
            }
            Duration ackWithin = chain.ackWithin(step, run.severity(), config.immediate());
            for (Reachable.Reached reached : reachable.people()) {
                open(
                                run,
                                step,
                                stepId,
                                reached.person(),
                                ackWithin,
                                escalatedFrom,
                                1,
                                reached.deputy(),
                                reached.deputyFor(),
                                trigger,
                                forwardedFrom)
                        .ifPresent(opened::add);
            }
        }
        return new Opening(opened, told);
    }

    /**
     * Tells the recipient of a timed-out hop again ("repeat N times every M"), when its step asks for it and the
     * repeats are not used up.
     */
    public Optional<OpenedHop> repeat(ChainRun run, Chain chain, Hop timedOut) {
        ChainDocument.Step step = chain.step(timedOut.chainStep()).orElse(null);
        if (step == null
                || step.repeat() == null
                || timedOut.attempt() > step.repeat().times()) {
            return Optional.empty();
        }
        Person recipient = new Person(
                run.organisation(),
                timedOut.recipientUsername(),
                timedOut.recipientName(),
                timedOut.recipientEmail(),
                timedOut.recipientLocale(),
                null);
        return open(
                run,
                step,
                timedOut.chainStep(),
                recipient,
                Duration.parse(step.repeat().every()),
                timedOut.id(),
                timedOut.attempt() + 1,
                timedOut.asDeputy(),
                timedOut.deputyFor(),
                HopTrigger.REPEAT,
                null);
    }

    /**
     * Tells the deputy of the position whose holder let a hop time out, when the step says to try the deputy
     * and one is valid and present (and was not told this step already).
     */
    public Optional<OpenedHop> deputy(ChainRun run, Chain chain, Hop timedOut) {
        ChainDocument.Step step = chain.step(timedOut.chainStep()).orElse(null);
        if (step == null || !step.triesDeputy() || step.position() == null || timedOut.asDeputy()) {
            return Optional.empty();
        }
        String unit = unitOf(run, step.position());
        List<String> exclude = new ArrayList<>(directory.holders(run.organisation(), step.position(), unit).stream()
                .map(Person::username)
                .toList());
        exclude.add(timedOut.recipientUsername());
        exclude.add(run.reportedBy());
        return directory
                .presentDeputy(run.organisation(), step.position(), unit, exclude)
                .filter(deputy -> !hops.reached(run.incidentId(), timedOut.chainStep(), deputy.username()))
                .flatMap(deputy -> open(
                        run,
                        step,
                        timedOut.chainStep(),
                        deputy,
                        chain.ackWithin(step, run.severity(), config.immediate()),
                        timedOut.id(),
                        1,
                        true,
                        timedOut.recipientUsername(),
                        HopTrigger.DEPUTY,
                        null));
    }

    private Optional<OpenedHop> open(
            ChainRun run,
            ChainDocument.Step step,
            String stepId,
            Person recipient,
            Duration ackWithin,
            UUID escalatedFrom,
            int attempt,
            boolean asDeputy,
            String deputyFor,
            HopTrigger trigger,
            UUID forwardedFrom) {
        UUID hopId = UUID.randomUUID();
        // Office-hours steps count their deadline on the office calendar from the database's now().
        Instant deadline =
                step.countsOfficeHours() ? calendar.plusOfficeTime(clock.transactionTime(), ackWithin) : null;
        return hops.insertOpen(
                        run,
                        new NewHop(
                                hopId,
                                stepId,
                                step.position(),
                                recipient,
                                ackWithin,
                                deadline,
                                escalatedFrom,
                                attempt,
                                asDeputy,
                                deputyFor,
                                trigger,
                                forwardedFrom))
                .map(at -> new OpenedHop(
                        hopId,
                        stepId,
                        step.position(),
                        recipient,
                        at,
                        escalatedFrom,
                        attempt,
                        asDeputy,
                        deputyFor,
                        trigger,
                        forwardedFrom));
    }

    private Optional<SkipReason> unknownUnit(ChainRun run, Position position) {
        if (position.isOfUnit()
                && directory.unit(run.organisation(), unitOf(run, position)).isEmpty()) {
            return Optional.of(SkipReason.UNKNOWN_UNIT);
        }
        return Optional.empty();
    }

    /** The unit whose position a step means: the case's section, its department, or none (organisation). */
    private static String unitOf(ChainRun run, Position position) {
        return switch (position) {
            case SECTION_CHIEF -> run.unitCode();
            case DEPARTMENT_HEAD -> run.departmentCode();
            default -> null;
        };
    }
}
