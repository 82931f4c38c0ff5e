package jp.horenso.escalation.timer;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import jp.horenso.escalation.action.service.ResponseActionService;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.hop.service.HopTimeoutService;
import jp.horenso.escalation.legal.service.LegalTimerService;

/**
 * The service's clocks, each a scheduler job that works through what is due every
 * {@code horenso.escalation.timer-interval}: hop deadlines (the chain), legal reminders and deadlines, response
 * action deadlines. Due rows are handled in batches by {@link DueRowBatch}; a full batch means more may be due, so
 * a job goes on until a batch comes back short. Hop deadlines, the many, are worked through by
 * {@code horenso.escalation.timer-workers} threads side by side, each claiming its own batches (SKIP LOCKED keeps
 * their rows apart, and the claim's lock on the case's chain run keeps one case's hops to one of them at a time);
 * between two rounds the hop timer can look again when the next hop falls due ({@code timer-resolution}; off by
 * default).
 *
 * <p>Quarkus's scheduler checks its triggers once a second, on the second, and counts an interval from the second a
 * job last fired: a check that comes a hair before the second finds the interval not yet over and skips that tick,
 * so a hop that fell due just after a round waited two intervals (the timer benchmark's p99 went from 0.9 s to
 * 1.8–2.0 s in four runs of six). After each hop round the job therefore sets a catch-up a little after the next
 * tick: if no round has started by then, the catch-up runs one itself.
 */
@ApplicationScoped
public class TimerJobs {

    /** Scheduler identities, e.g. to pause one clock in a test. */
    public static final String HOPS = "hop-timer";

    public static final String LEGAL = "legal-timer";
    public static final String RESPONSE_ACTIONS = "response-action-timer";

    private final HopTimeoutService hops;
    private final LegalTimerService legal;
    private final ResponseActionService actions;
    private final EscalationConfig config;
    /** The hop timer's workers besides the scheduler's own thread; plain threads, no context carried over. */
    private final ExecutorService hopWorkers;

    /** Runs the hop timer's catch-up rounds; a plain thread, no context carried over (as the workers). */
    private final ScheduledExecutorService catchUp;

    private final ReentrantLock hopRoundRunning = new ReentrantLock();
    private final AtomicLong hopRoundsStarted = new AtomicLong();

    private final Scheduler scheduler;
    private volatile boolean stopping;

    /** How long after the tick's due time the catch-up looks whether the tick came. */
    private static final long CATCH_UP_GRACE = TimeUnit.MILLISECONDS.toNanos(100);

    public TimerJobs(
            HopTimeoutService hops,
            LegalTimerService legal,
            ResponseActionService actions,
            EscalationConfig config,
            Scheduler scheduler) {
        this.hops = hops;
        this.scheduler = scheduler;
        this.legal = legal;
        this.actions = actions;
        this.config = config;
        AtomicInteger number = new AtomicInteger();
        this.hopWorkers = config.timerWorkers() > 1
                ? Executors.newFixedThreadPool(config.timerWorkers() - 1, work -> {
                    Thread thread = new Thread(work, "hop-timer-worker-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
        this.catchUp = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "hop-timer-catch-up");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        stopping = true;
        catchUp.shutdownNow();
        if (hopWorkers != null) {
            hopWorkers.shutdownNow();
        }
    }

    @Scheduled(
            identity = HOPS,
            every = "${horenso.escalation.timer-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void timeOutDueHops() {
        hopTurn();
    }

    /**
     * The hop timer's turn, from the scheduler's tick or from a catch-up: a round (and the looks again, if on), then
     * the catch-up for the next tick. One turn at a time; a tick that finds a catch-up turn running leaves it be.
     */
    private void hopTurn() {
        if (!hopRoundRunning.tryLock()) {
            return;
        }
        try {
            long turn = hopRoundsStarted.incrementAndGet();
            long started = System.nanoTime();
            roundsUntilTheNextTick(started);
            if (!stopping) {
                armCatchUp(turn, started + config.timerInterval().toNanos() + CATCH_UP_GRACE);
            }
        } finally {
            hopRoundRunning.unlock();
        }
    }

    private void armCatchUp(long turn, long at) {
        Runnable lookWhetherTheTickCame = () -> {
            if (hopRoundsStarted.get() == turn && !stopping && scheduler.isRunning() && !scheduler.isPaused(HOPS)) {
                hopTurn();
            }
        };
        try {
            catchUp.schedule(lookWhetherTheTickCame, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: the catch-up's thread is gone
        }
    }

    private void roundsUntilTheNextTick(long started) {
        long roundEnds = started + config.timerInterval().toNanos();
        long resolution = config.timerResolution().toNanos();
        hopRound();
        if (resolution >= config.timerInterval().toNanos()) {
            return;
        }
        // Until the next round, look again when the next hop falls due (at most every timer-resolution), so that
        // a hop due just after this round does not wait the whole interval. Leave the next round its turn.
        while (!stopping && !scheduler.isPaused(HOPS)) {
            Optional<Duration> next = hops.nextDueIn();
            if (next.isEmpty()) {
                return;
            }
            long wake = System.nanoTime() + Math.max(next.get().toNanos(), resolution);
            if (wake + resolution > roundEnds) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(wake - System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (stopping || scheduler.isPaused(HOPS)) {
                return;
            }
            hopRound();
        }
    }

    /**
     * One round of the hop timer: each worker claims and times out batches until one comes back short; returns
     * when all have, with the hops each worker fired (the scheduler's thread first). Also called by tests.
     */
    public List<List<UUID>> hopRound() {
        List<Future<List<UUID>>> others = new ArrayList<>();
        for (int i = 1; i < config.timerWorkers(); i++) {
            others.add(hopWorkers.submit(() -> drain(hops::timeOutDueHops)));
        }
        List<List<UUID>> fired = new ArrayList<>();
        RuntimeException failure = null;
        try {
            fired.add(drain(hops::timeOutDueHops));
        } catch (RuntimeException e) {
            failure = e;
        }
        // The round ends when every worker's has: the next round never overlaps this one.
        for (Future<List<UUID>> other : others) {
            try {
                fired.add(other.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the hop timer's workers ran", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return fired;
    }

    @Scheduled(
            identity = LEGAL,
            every = "${horenso.escalation.timer-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void fireDueLegalTimers() {
        drain(legal::fireDue);
    }

    @Scheduled(
            identity = RESPONSE_ACTIONS,
            every = "${horenso.escalation.timer-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void fireDueResponseActions() {
        drain(actions::fireDue);
    }

    /** Batches until one comes back short; the rows that fired. */
    private List<UUID> drain(Supplier<DueRowBatch.Result> batch) {
        List<UUID> fired = new ArrayList<>();
        DueRowBatch.Result result;
        do {
            result = batch.get();
            fired.addAll(result.fired());
        } while (result.claimed() == config.claimBatchSize());
        return fired;
    }
}
