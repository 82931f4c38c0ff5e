package jp.horenso.notification.common.outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import jp.horenso.notification.common.events.CloudEvent;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes outbox events to Kafka after their transaction committed, in order, and marks each once the
 * broker acknowledged it. A crash between send and mark sends the event again; consumers are idempotent.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel; its default topic and serializers are set in application.properties. */
    public static final String CHANNEL = "outbox";
    private static final int BATCH_SIZE = 100;

    private final OutboxRepository repository;
    private final MutinyEmitter<String> emitter;
    private final Duration sendTimeout;

    public OutboxRelay(OutboxRepository repository, @Channel(CHANNEL) MutinyEmitter<String> emitter,
            @ConfigProperty(name = "horenso.outbox.send-timeout", defaultValue = "10s") Duration sendTimeout) {
        this.repository = repository;
        this.emitter = emitter;
        this.sendTimeout = sendTimeout;
    }

    /** Relays one batch; the row locks keep a second instance of the service from sending the same rows. */
    @Scheduled(every = "${horenso.outbox.poll-interval:200ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Before start-up completed the Kafka channels may not be wired yet.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void relay() {
        for (OutboxEvent event : repository.lockUnpublished(BATCH_SIZE)) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            Message<String> message = Message.of(event.getPayload()).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder()
                            .withTopic(event.getTopic())
                            .withKey(event.getMessageKey())
                            .withHeaders(headers)
                            .build());
            // Waiting for the broker's ack keeps the order and never marks an event the broker did not take.
            emitter.sendMessage(message).await().atMost(sendTimeout);
            event.markPublished(Instant.now());
        }
    }
}
