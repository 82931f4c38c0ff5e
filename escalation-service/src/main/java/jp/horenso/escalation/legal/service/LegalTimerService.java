package jp.horenso.escalation.legal.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.Reachable;
import jp.horenso.escalation.directory.service.DirectoryService;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.legal.LegalClock;
import jp.horenso.escalation.legal.LegalClockStatus;
import jp.horenso.escalation.legal.LegalTimer;
import jp.horenso.escalation.legal.LegalTimerKind;
import jp.horenso.escalation.legal.repository.LegalClockRepository;
import jp.horenso.escalation.legal.repository.LegalTimerRepository;
import jp.horenso.escalation.timer.DueRowBatch;
import jp.horenso.escalation.timer.TimerLag;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Fires due legal timers: a reminder tells the CSIRT and the security lead that a report is due soon; a passed
 * deadline tells them and escalates to the CISO (regulatory.md R1, R2). Safe with several replicas: each due
 * timer is handled by exactly one transaction, by the database's clock.
 */
@ApplicationScoped
@Transactional
public class LegalTimerService {

    private static final Logger LOG = Logger.getLogger(LegalTimerService.class);

    private final LegalTimerRepository timers;
    private final LegalClockRepository clocks;
    private final ChainRunRepository runs;
    private final DirectoryService directory;
    private final LegalEventWriter events;
    private final DatabaseClock clock;
    private final EscalationConfig config;
    private final DueRowBatch batch;
    private final TimerLag lag;

    public LegalTimerService(
            LegalTimerRepository timers,
            LegalClockRepository clocks,
            ChainRunRepository runs,
            DirectoryService directory,
            LegalEventWriter events,
            DatabaseClock clock,
            EscalationConfig config,
            DueRowBatch batch,
            TimerLag lag) {
        this.batch = batch;
        this.lag = lag;
        this.timers = timers;
        this.clocks = clocks;
        this.runs = runs;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    /**
     * One batch of the timer ({@link DueRowBatch}): claims up to a batch of due timers and fires each in a
     * transaction of its own; a timer that cannot be handled is parked.
     * {@code fired} of the result: the timers fired (not those found no longer needed).
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public DueRowBatch.Result fireDue() {
        return batch.run(
                new DueRowBatch.DueRows<>("legal_timer", "id", timers::claimDue, timers::lockDue, this::fire),
                config.claimBatchSize());
    }

    /** Fires a due timer; {@code false} when it was no longer needed (cancelled instead). */
    private boolean fire(LegalTimer timer) {
        Instant now = clock.transactionTime();
        LegalClock legal = clocks.findById(timer.clockId());
        ChainRun run = runs.findById(legal.incidentId());
        if (legal.status() != LegalClockStatus.RUNNING || legal.isSubmitted(timer.report()) || run.stopped()) {
            timer.cancel();
            return false;
        }
        if (timer.kind() == LegalTimerKind.REMINDER
                && !legal.dueAt(timer.report()).isAfter(now)) {
            // Late (the service was down, or the duty was found late): the deadline's notice says it all.
            timer.cancel();
            return false;
        }
        lag.fired(TimerLag.LEGAL, timer.dueAt(), now);
        timer.fire(now);
        if (timer.kind() == LegalTimerKind.REMINDER) {
            List<Person> reminded = people(run, config.legal().remind());
            events.approaching(run, legal, timer, reminded, now);
            LOG.infof(
                    "case %s: %s report of %s due %s; reminded %s",
                    legal.incidentNumber(),
                    timer.report(),
                    legal.code(),
                    legal.dueAt(timer.report()),
                    usernames(reminded));
        } else {
            List<Position> told = new ArrayList<>(config.legal().escalate());
            told.addAll(config.legal().remind());
            List<Person> people = people(run, told);
            events.missed(run, legal, timer, people, now);
            LOG.warnf(
                    "case %s: %s report of %s was due %s and is missing; told %s",
                    legal.incidentNumber(),
                    timer.report(),
                    legal.code(),
                    legal.dueAt(timer.report()),
                    usernames(people));
        }
        return true;
    }

    /** Who can be told for the positions now (present holders or deputies), each person once. */
    private List<Person> people(ChainRun run, List<Position> positions) {
        Map<String, Person> people = new LinkedHashMap<>();
        for (Position position : positions) {
            String unit = switch (position) {
                case SECTION_CHIEF -> run.unitCode();
                case DEPARTMENT_HEAD -> run.departmentCode();
                default -> null;
            };
            Reachable reachable = directory.reachable(run.organisation(), position, unit, null);
            if (reachable.unreachable() != null) {
                LOG.errorf(
                        "case %s: nobody to tell as %s about a legal deadline (%s)",
                        run.incidentNumber(), position, reachable.unreachable());
            }
            reachable.people().forEach(r -> people.putIfAbsent(r.person().username(), r.person()));
        }
        return List.copyOf(people.values());
    }

    private static List<String> usernames(List<Person> people) {
        return people.stream().map(Person::username).toList();
    }
}
