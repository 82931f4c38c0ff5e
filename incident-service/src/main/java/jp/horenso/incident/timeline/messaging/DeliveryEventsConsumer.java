package jp.horenso.incident.timeline.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.incident.acknowledgement.event.AcknowledgementLinkUsed;
import jp.horenso.incident.acknowledgement.service.AcknowledgementService;
import jp.horenso.incident.timeline.service.TimelineRecorder;
import jp.horenso.platform.consumer.EventConsumption;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads delivery outcomes and acknowledgement-link uses from notification-service, each in its own transaction
 * (the services'); transient failures are retried, a record that cannot be applied goes to the dead-letter topic.
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
    public void consume(String record) {
        consumption.consume(record, event -> {
            if (event.is(AcknowledgementLinkUsed.NAME)) {
                acknowledgements.acknowledgeByLink(event, CHANNEL);
            } else {
                recorder.record(event, CHANNEL);
            }
        });
    }
}
