package jp.horenso.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.tracing.EventTraces;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The relay's producer: idempotent, {@code acks=all}, so records of one key keep their order in their partition
 * even when the producer retries.
 */
public final class KafkaRecordSender implements RecordSender, AutoCloseable {

    private final KafkaProducer<String, String> producer;

    /** {@code settings}: the Kafka client settings (bootstrap servers, security) without a prefix. */
    public KafkaRecordSender(Map<String, Object> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "horenso-outbox-relay");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
    }

    @Override
    public CompletableFuture<Void> send(String topic, String key, String value) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers()
                .add(new RecordHeader("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        // The writer's trace, stored in the event, as the W3C header consumers and tracing tools read.
        String traceparent = EventTraces.enabled() ? EventTraces.traceparentOf(value) : null;
        if (traceparent != null) {
            record.headers()
                    .add(new RecordHeader(EventTraces.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII)));
        }
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            // Refused before sending (e.g. a record larger than max.request.size).
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    @Override
    public void close() {
        producer.close();
    }
}
