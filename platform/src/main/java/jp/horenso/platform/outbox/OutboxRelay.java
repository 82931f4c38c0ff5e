package jp.horenso.platform.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Relays committed outbox rows to Kafka, keeping every case's order with any number of replicas:
 * <ul>
 * <li>one relay per database leads, by a PostgreSQL advisory lock held on its own connection (a replica that dies
 * loses it with its connection; another takes over at its next try);</li>
 * <li>the leader reads a round of pending rows in {@code seq} order and sends them outside any database
 * transaction: the rows of one key one after the other (the next only once the broker acknowledged the previous),
 * different keys side by side;</li>
 * <li>a row the broker refuses while others go through is counted against that row and, after
 * {@code maxAttempts}, parked with an alarm; the later rows of its case wait until then, the other cases flow on.
 * When nothing goes through (the broker is down) nobody is blamed and the relay waits;</li>
 * <li>the leader's connection listens to {@link Outbox#WAKE_CHANNEL}, so a commit that wrote to the outbox wakes it
 * at once; the poll interval is only the safety net.</li>
 * </ul>
 * A crash between sending and marking sends a row again; consumers are idempotent.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Opens a JDBC connection. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    /** How a relay works. */
    public record Settings(String service, int batchSize, int maxAttempts, Duration ackTimeout) {}

    /** What one round did. */
    public record Round(int claimed, int published, int failed, int parked, boolean brokerUnavailable) {

        static final Round EMPTY = new Round(0, 0, 0, 0, false);
    }

    private record Row(long seq, String topic, String key, String payload) {}

    private final Connections leaderConnections;
    private final Connections connections;
    private final RecordSender sender;
    private final Settings settings;
    private final long lockKey;
    private final ExecutorService chaining;
    private Connection leader;

    /**
     * @param leaderConnections opens the dedicated, unpooled connection that holds the lead (closing it must really
     *        close it, so the lock goes with it)
     * @param connections the pool for reading and marking rows
     */
    public OutboxRelay(Connections leaderConnections, Connections connections, RecordSender sender, Settings settings) {
        this.leaderConnections = leaderConnections;
        this.connections = connections;
        this.sender = sender;
        this.settings = settings;
        this.lockKey = ("horenso-outbox-relay:" + settings.service()).hashCode();
        this.chaining = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "horenso-outbox-chain");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether this relay leads: it keeps the lead it has, or takes it when nobody holds it. */
    public synchronized boolean lead() {
        try {
            if (leader != null) {
                if (leader.isValid(2)) {
                    return true;
                }
                LOG.warn("outbox relay lost its leader connection");
                dropLead();
            }
            Connection candidate = leaderConnections.open();
            candidate.setAutoCommit(true);
            boolean acquired;
            try (PreparedStatement lock = candidate.prepareStatement("select pg_try_advisory_lock(?)")) {
                lock.setLong(1, lockKey);
                try (ResultSet result = lock.executeQuery()) {
                    acquired = result.next() && result.getBoolean(1);
                }
            }
            if (!acquired) {
                candidate.close();
                return false;
            }
            try (Statement listen = candidate.createStatement()) {
                listen.execute("listen " + Outbox.WAKE_CHANNEL);
            }
            leader = candidate;
            LOG.infof("outbox relay of %s leads", settings.service());
            return true;
        } catch (SQLException e) {
            LOG.debugf("outbox relay cannot lead now: %s", e.getMessage());
            dropLead();
            return false;
        }
    }

    /**
     * Waits until a commit wakes the leader or {@code max} passes; a relay that does not lead just waits.
     *
     * @return whether a wake-up arrived
     */
    public boolean awaitWork(Duration max) throws InterruptedException {
        Connection listening;
        synchronized (this) {
            listening = leader;
        }
        if (listening == null) {
            Thread.sleep(max.toMillis());
            return false;
        }
        try {
            var notifications =
                    listening.unwrap(PGConnection.class).getNotifications((int) Math.max(1, max.toMillis()));
            return notifications != null && notifications.length > 0;
        } catch (SQLException e) {
            LOG.warnf("outbox relay stopped listening: %s", e.getMessage());
            synchronized (this) {
                dropLead();
            }
            return false;
        }
    }

    /** Runs rounds while they come back full; returns how many rows were published. */
    public int drain() {
        int published = 0;
        Round round;
        do {
            round = relayRound();
            published += round.published();
        } while (round.claimed() == settings.batchSize() && round.published() > 0);
        return published;
    }

    /** One round: read pending rows, send them, mark what the broker acknowledged, count what it refused. */
    public Round relayRound() {
        if (!lead()) {
            return Round.EMPTY;
        }
        List<Row> rows;
        try {
            rows = pending();
        } catch (SQLException e) {
            LOG.warnf("outbox relay cannot read pending rows: %s", e.getMessage());
            return Round.EMPTY;
        }
        if (rows.isEmpty()) {
            return Round.EMPTY;
        }
        Map<Long, Throwable> failures = new ConcurrentHashMap<>();
        List<Long> published = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (List<Row> ofKey : byKey(rows).values()) {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (Row row : ofKey) {
                // The next row of a case goes only once the broker took the previous one: a refused row stops its
                // case for this round, so a later event of a case never overtakes an earlier one.
                chain = chain.thenComposeAsync(
                        ignored -> sender.send(row.topic(), row.key(), row.payload())
                                .whenComplete((ok, failure) -> {
                                    if (failure == null) {
                                        published.add(row.seq());
                                    } else {
                                        failures.put(row.seq(), unwrap(failure));
                                    }
                                }),
                        chaining);
            }
            chains.add(chain);
        }
        try {
            CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new))
                    .get(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Recorded per row above.
        } catch (TimeoutException e) {
            LOG.warnf("outbox relay: the broker did not acknowledge within %s", settings.ackTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Long> done;
        synchronized (published) {
            done = List.copyOf(published);
        }
        boolean brokerUnavailable = done.isEmpty()
                && !failures.isEmpty()
                && failures.values().stream().allMatch(OutboxRelay::transientFailure);
        int parked = 0;
        try {
            markPublished(done);
            if (brokerUnavailable) {
                LOG.warnf(
                        "outbox relay: the broker refused every record of the round (%s); retrying later",
                        failures.values().iterator().next().toString());
            } else {
                for (Map.Entry<Long, Throwable> failure : failures.entrySet()) {
                    parked += countFailure(failure.getKey(), failure.getValue()) ? 1 : 0;
                }
            }
        } catch (SQLException e) {
            // The rows stay pending and are sent again: consumers are idempotent.
            LOG.warnf("outbox relay cannot mark its round: %s", e.getMessage());
        }
        return new Round(rows.size(), done.size(), failures.size(), parked, brokerUnavailable);
    }

    private List<Row> pending() throws SQLException {
        try (Connection connection = connections.open();
                PreparedStatement select = connection.prepareStatement("""
                        select seq, topic, message_key, payload from outbox_event
                        where published_at is null and parked_at is null order by seq limit ?""")) {
            select.setInt(1, settings.batchSize());
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4)));
                }
            }
            return rows;
        }
    }

    private void markPublished(List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (Connection connection = connections.open();
                PreparedStatement update = connection.prepareStatement(
                        "update outbox_event set published_at = clock_timestamp() where seq = any(?)")) {
            Array array = connection.createArrayOf("bigint", seqs.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    /** Counts a refusal against its row; returns whether the row is now parked. */
    private boolean countFailure(long seq, Throwable failure) throws SQLException {
        String error = failure.getClass().getName() + ": " + failure.getMessage();
        try (Connection connection = connections.open();
                PreparedStatement update = connection.prepareStatement("""
                        update outbox_event set attempts = attempts + 1, last_error = left(?, 2000),
                            parked_at = case when attempts + 1 >= ? then clock_timestamp() end
                        where seq = ? returning parked_at is not null, message_key, type""")) {
            update.setString(1, error);
            update.setInt(2, settings.maxAttempts());
            update.setLong(3, seq);
            try (ResultSet result = update.executeQuery()) {
                if (result.next() && result.getBoolean(1)) {
                    LOG.errorf(
                            "ALARM outbox row %d (%s about %s) parked after %d refusals by the broker: %s. "
                                    + "The case's later events follow it; fix the cause and set parked_at to null to send it.",
                            seq, result.getString(3), result.getString(2), settings.maxAttempts(), error);
                    return true;
                }
            }
            LOG.warnf("outbox row %d refused by the broker: %s", seq, error);
            return false;
        }
    }

    private static Map<String, List<Row>> byKey(List<Row> rows) {
        Map<String, List<Row>> byKey = new LinkedHashMap<>();
        for (Row row : rows) {
            byKey.computeIfAbsent(row.topic() + '\u0000' + row.key(), k -> new ArrayList<>())
                    .add(row);
        }
        return byKey;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A failure that says nothing about the record itself (the broker is away or slow). */
    private static boolean transientFailure(Throwable failure) {
        return failure instanceof RetriableException
                || failure instanceof TimeoutException
                || failure instanceof org.apache.kafka.common.errors.TimeoutException;
    }

    private void dropLead() {
        if (leader != null) {
            try {
                leader.close();
            } catch (SQLException e) {
                LOG.debugf("closing the leader connection: %s", e.getMessage());
            }
            leader = null;
        }
    }

    /** Gives up the lead (closing its connection releases the lock) and stops. */
    @Override
    public synchronized void close() {
        dropLead();
        chaining.shutdownNow();
    }
}
