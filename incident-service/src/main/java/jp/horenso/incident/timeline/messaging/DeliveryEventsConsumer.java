package jp.horenso.incident.timeline.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.incident.acknowledgement.event.AcknowledgementLinkUsed;
import jp.horenso.incident.acknowledgement.service.AcknowledgementService;
import jp.horenso.incident.common.events.CloudEvent;
import jp.horenso.incident.timeline.service.TimelineRecorder;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads delivery outcomes and acknowledgement-link uses from notification-service; a record it cannot apply goes to
 * the dead-letter topic.
 */
@ApplicationScoped
public class DeliveryEventsConsumer {

    static final String CHANNEL = "notification-events";

    private final TimelineRecorder recorder;
    private final AcknowledgementService acknowledgements;
    private final ObjectMapper mapper;

    public DeliveryEventsConsumer(TimelineRecorder recorder, AcknowledgementService acknowledgements,
            ObjectMapper mapper) {
        this.recorder = recorder;
        this.acknowledgements = acknowledgements;
        this.mapper = mapper;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String record) {
        CloudEvent event = CloudEvent.parse(record, mapper);
        if (AcknowledgementLinkUsed.NAME.equals(event.name())) {
            acknowledgements.acknowledgeByLink(event, CHANNEL);
        } else {
            recorder.record(event, CHANNEL);
        }
    }
}
