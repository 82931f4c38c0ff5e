package jp.horenso.incident.common.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import jp.horenso.incident.common.events.CloudEvent;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.LockOptions;
import org.jboss.logging.Logger;

/**
 * Relays committed outbox rows to Kafka in commit order and marks them published once the broker acknowledged
 * them. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas can relay side by side; a crash
 * between send and mark sends a row again, which the consumers' processed-event check absorbs.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final EntityManager em;
    private final MutinyEmitter<String> emitter;

    public OutboxRelay(EntityManager em, @Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.em = em;
        this.emitter = emitter;
    }

    @Scheduled(every = "${horenso.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relayPending() {
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::relayBatch);
            } while (sent == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay interrupted, will retry: %s", e.getMessage());
        }
    }

    private int relayBatch() {
        List<OutboxEvent> batch = em.createQuery(
                "FROM OutboxEvent e WHERE e.publishedAt IS NULL ORDER BY e.seq", OutboxEvent.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                .setMaxResults(BATCH)
                .getResultList();
        for (OutboxEvent event : batch) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_type", event.type.getBytes(StandardCharsets.UTF_8));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(event.topic).withKey(event.messageKey).withHeaders(headers).build();
            emitter.sendMessageAndAwait(Message.of(event.payload).addMetadata(metadata));
            event.publishedAt = OffsetDateTime.now();
        }
        return batch.size();
    }
}
