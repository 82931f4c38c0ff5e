package jp.horenso.escalation.common.outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
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
    private static final int BATCH_SIZE = 100;
    private static final Duration BROKER_ACK_TIMEOUT = Duration.ofSeconds(30);

    private final OutboxRepository repository;
    private final MutinyEmitter<String> emitter;
    private final DatabaseClock clock;

    public OutboxRelay(OutboxRepository repository, @Channel(CHANNEL) MutinyEmitter<String> emitter,
            DatabaseClock clock) {
        this.repository = repository;
        this.emitter = emitter;
        this.clock = clock;
    }

    @Scheduled(identity = "outbox-relay", every = "${horenso.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        publishPending();
    }

    /** Publishes one batch of pending events; returns how many were published. */
    public int publishPending() {
        List<OutboxEvent> batch = repository.lockUnpublished(BATCH_SIZE);
        if (batch.isEmpty()) {
            return 0;
        }
        // All are handed to the producer in seq order (it keeps that order per partition), then awaited together.
        List<Uni<Void>> sends = batch.stream().map(this::send).toList();
        Uni.join().all(sends).andFailFast().await().atMost(BROKER_ACK_TIMEOUT);
        var publishedAt = clock.wallTime();
        batch.forEach(event -> event.markPublished(publishedAt));
        LOG.debugf("published %d outbox events", batch.size());
        return batch.size();
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
