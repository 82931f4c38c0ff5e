package jp.horenso.incident.timeline.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.incident.common.events.CloudEvent;
import jp.horenso.incident.timeline.service.TimelineRecorder;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads delivery outcomes from notification-service; a record it cannot apply goes to the dead-letter topic. */
@ApplicationScoped
public class DeliveryEventsConsumer {

    static final String CHANNEL = "notification-events";

    private final TimelineRecorder recorder;
    private final ObjectMapper mapper;

    public DeliveryEventsConsumer(TimelineRecorder recorder, ObjectMapper mapper) {
        this.recorder = recorder;
        this.mapper = mapper;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String record) {
        recorder.record(CloudEvent.parse(record, mapper), CHANNEL);
    }
}
