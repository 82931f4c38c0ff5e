package jp.horenso.escalation.common.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import jp.horenso.escalation.common.events.CloudEvents;
import jp.horenso.escalation.common.time.DatabaseClock;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Relays committed outbox events to Kafka and marks them published once the broker has acknowledged them. A
 * crash between sending and marking sends again; consumers are idempotent.
 */
@ApplicationScoped
@Transactional
public class OutboxRelay {

    /** Outgoing channel; each record names its own topic, the channel's topic is only a default. */
    public static final String CHANNEL = "outbox";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Events published per transaction. */
    public static final int BATCH_SIZE = 100;
    private static final Duration BROKER_ACK_TIMEOUT = Duration.ofSeconds(30);

    private final OutboxRepository repository;
    private final MutinyEmitter<String> emitter;
    private final DatabaseClock clock;
    private final TransactionManager transactions;

    public OutboxRelay(OutboxRepository repository, @Channel(CHANNEL) MutinyEmitter<String> emitter,
            DatabaseClock clock, TransactionManager transactions) {
        this.repository = repository;
        this.emitter = emitter;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Publishes one batch of pending events; returns how many were published. */
    public int publishPending() {
        List<OutboxEvent> batch = repository.lockUnpublished(BATCH_SIZE);
        if (batch.isEmpty()) {
            return 0;
        }
        awaitBroker(batch);
        var publishedAt = clock.wallTime();
        batch.forEach(event -> event.markPublished(publishedAt));
        LOG.debugf("published %d outbox events", batch.size());
        return batch.size();
    }

    /**
     * Hands the batch to the producer in seq order (it keeps that order per partition) and waits for the broker's
     * acknowledgements. The sends complete on the producer's threads, and context propagation would carry this
     * transaction there: committing while another thread is still associated with it fails under load
     * (ARJUNA012094 "multiple threads active", then "Enlisted connection used without active transaction"). So the
     * transaction is detached while sending; the rows stay locked in the database all the while.
     */
    private void awaitBroker(List<OutboxEvent> batch) {
        Transaction transaction;
        try {
            transaction = transactions.suspend();
        } catch (SystemException e) {
            throw new IllegalStateException("cannot suspend the relay's transaction", e);
        }
        try {
            List<Uni<Void>> sends = batch.stream().map(this::send).toList();
            Uni.join().all(sends).andFailFast().await().atMost(BROKER_ACK_TIMEOUT);
        } finally {
            try {
                transactions.resume(transaction);
            } catch (InvalidTransactionException | SystemException e) {
                throw new IllegalStateException("cannot resume the relay's transaction", e);
            }
        }
    }

    private Uni<Void> send(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(event.messageKey())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(event.payload(), Metadata.of(metadata)));
    }
}
