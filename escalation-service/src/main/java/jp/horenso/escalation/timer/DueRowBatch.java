package jp.horenso.escalation.timer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * How every timer of the service works through its due rows (hops, legal timers, response-action timers): claim
 * a batch of due rows nobody else holds ({@code FOR UPDATE SKIP LOCKED}) and handle them all in that one
 * transaction, the rows loaded together ({@link Claimed}) and each checked to be still due. When
 * anything of the batch fails, the whole batch is rolled back and handled again row by row, each row in a
 * transaction of its own: a row whose handling fails is tried once more; when it fails again it is parked
 * ({@code parked_at}, {@code attempts}, {@code last_error}, migration V4), logged at ERROR as an alarm and skipped
 * by every later claim, while the rest of the batch goes on. Safe with several replicas: a row is handled by the
 * one transaction that holds it.
 *
 * <p>Why a batch shares a transaction: a transaction per row cost every time-out a begin, a lock, a clock read and
 * a commit of its own, and the lookups its handling makes (the directory's, the chain's) could not be shared; the
 * 100,000-timer benchmark fell from 1,000 to about 330 time-outs per second (docs/benchmarks.md, timers).
 */
@ApplicationScoped
public class DueRowBatch {

    private static final Logger LOG = Logger.getLogger(DueRowBatch.class);

    /** How often a row is tried within one batch before it is parked. */
    static final int TRIES = 2;

    private final EntityManager entityManager;

    public DueRowBatch(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The due rows of one kind of timer.
     *
     * @param table the table, for parking (it has the V4 columns); e.g. {@code hop}
     * @param idColumn the table's key column, e.g. {@code id}
     * @param claimDue up to {@code limit} ids of due, unparked rows no other transaction holds, earliest due first
     *        (called in a transaction of its own; the locks end with it)
     * @param lock the row, locked for the calling transaction, if it is still due, not parked and nobody else holds
     *        it (with whatever else its handling must lock first, e.g. the case's chain run); empty otherwise
     * @param handle handles a locked due row; {@code true} when it fired, {@code false} when it was found no longer
     *        needed
     */
    public record DueRows<T>(
            String table,
            String idColumn,
            IntFunction<List<UUID>> claimDue,
            Function<UUID, Optional<T>> lock,
            Predicate<T> handle,
            Claimed<T> claimed) {

        /** Rows whose batch finds each claimed row with {@code lock}, one query per row. */
        public DueRows(
                String table,
                String idColumn,
                IntFunction<List<UUID>> claimDue,
                Function<UUID, Optional<T>> lock,
                Predicate<T> handle) {
            this(table, idColumn, claimDue, lock, handle, new Claimed<>() {
                @Override
                public void load(List<UUID> ids) {}

                @Override
                public Optional<T> stillDue(UUID id) {
                    return lock.apply(id);
                }
            });
        }
    }

    /**
     * How a batch that shares its claim's transaction reaches the claimed rows, which the claim already locked:
     * {@link #load} reads them, and what handling them reads, in a few queries before the first is handled; then
     * {@link #stillDue} gives each row, unless handling an earlier row of the batch settled it.
     */
    public interface Claimed<T> {
        void load(List<UUID> ids);

        Optional<T> stillDue(UUID id);
    }

    /**
     * What one batch did: how many rows it claimed, which fired, which were parked. A full batch ({@code claimed}
     * equal to the limit) means more may be due.
     */
    public record Result(int claimed, List<UUID> fired, List<UUID> parked) {}

    /** Runs one batch of {@code rows}, at most {@code limit} rows; must not be called inside a transaction. */
    public <T> Result run(DueRows<T> rows, int limit) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> together(rows, limit));
        } catch (RuntimeException e) {
            LOG.infof("%s: a batch failed as a whole (%s); its rows are handled one by one", rows.table(), describe(e));
            return oneByOne(rows, limit);
        }
    }

    /** The batch in the caller's transaction: the claim's locks are held until it commits. */
    private <T> Result together(DueRows<T> rows, int limit) {
        List<UUID> due = rows.claimDue().apply(limit);
        rows.claimed().load(due);
        List<UUID> fired = new ArrayList<>();
        for (UUID id : due) {
            if (rows.claimed().stillDue(id).map(rows.handle()::test).orElse(false)) {
                fired.add(id);
            }
        }
        return new Result(due.size(), List.copyOf(fired), List.of());
    }

    private <T> Result oneByOne(DueRows<T> rows, int limit) {
        List<UUID> due =
                QuarkusTransaction.requiringNew().call(() -> rows.claimDue().apply(limit));
        List<UUID> fired = new ArrayList<>();
        List<UUID> parked = new ArrayList<>();
        for (UUID id : due) {
            RuntimeException failure = null;
            for (int attempt = 1; attempt <= TRIES; attempt++) {
                try {
                    if (QuarkusTransaction.requiringNew()
                            .call(() -> rows.lock()
                                    .apply(id)
                                    .map(rows.handle()::test)
                                    .orElse(false))) {
                        fired.add(id);
                    }
                    failure = null;
                    break;
                } catch (RuntimeException e) {
                    failure = e;
                    LOG.warnf(e, "%s %s: handling failed (attempt %d of %d)", rows.table(), id, attempt, TRIES);
                }
            }
            if (failure != null) {
                park(rows, id, failure);
                parked.add(id);
            }
        }
        return new Result(due.size(), List.copyOf(fired), List.copyOf(parked));
    }

    private void park(DueRows<?> rows, UUID id, RuntimeException failure) {
        String error = describe(failure);
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery(
                                "update " + rows.table() + " set parked_at = now(), attempts = attempts + :tries,"
                                        + " last_error = :error where " + rows.idColumn() + " = :id")
                        .setParameter("tries", TRIES)
                        .setParameter("error", error)
                        .setParameter("id", id)
                        .executeUpdate());
        // The alarm: an operator must look at the row, fix the cause and set parked_at back to null.
        LOG.errorf(
                failure,
                "ALARM: %s %s parked after %d failed attempts; later claims skip it: %s",
                rows.table(),
                id,
                TRIES,
                error);
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 2000; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.length() > 2000 ? text.substring(0, 2000) : text.toString();
    }
}
