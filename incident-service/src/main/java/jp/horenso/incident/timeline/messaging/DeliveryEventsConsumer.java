package jp.horenso.incident.timeline.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import jp.horenso.incident.acknowledgement.event.AcknowledgementLinkUsed;
import jp.horenso.incident.acknowledgement.service.AcknowledgementService;
import jp.horenso.incident.timeline.service.TimelineRecorder;
import jp.horenso.platform.consumer.EventConsumption;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads delivery outcomes and acknowledgement-link uses from notification-service, each polled batch in one
 * transaction ({@link EventConsumption#consumeBatch}); transient failures are retried, a record that cannot be applied
 * goes to the dead-letter topic alone.
 */
@ApplicationScoped
public class DeliveryEventsConsumer {

    static final String CHANNEL = "notification-events";

    private final EventConsumption consumption;
    private final TimelineRecorder recorder;
    private final AcknowledgementService acknowledgements;

    public DeliveryEventsConsumer(
            EventConsumption consumption, TimelineRecorder recorder, AcknowledgementService acknowledgements) {
        this.consumption = consumption;
        this.recorder = recorder;
        this.acknowledgements = acknowledgements;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> records) {
        return consumption.consumeBatch(records, event -> {
            if (event.is(AcknowledgementLinkUsed.NAME)) {
                acknowledgements.acknowledgeByLink(event, CHANNEL);
            } else {
                recorder.record(event, CHANNEL);
            }
        });
    }
}
