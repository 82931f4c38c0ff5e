package jp.horenso.incident.timeline.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jp.horenso.incident.chain.service.ChainProjection;
import jp.horenso.incident.common.events.CloudEvent;
import jp.horenso.incident.directory.service.DirectoryProjection;
import jp.horenso.incident.timeline.service.TimelineRecorder;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the chain's decisions from escalation-service onto the timeline and the chain projection; a record it cannot
 * apply goes to the dead-letter topic.
 */
@ApplicationScoped
public class ChainEventsConsumer {

    static final String CHANNEL = "escalation-events";

    private final TimelineRecorder recorder;
    private final ChainProjection chain;
    private final ObjectMapper mapper;
    private final DirectoryProjection directory;

    public ChainEventsConsumer(TimelineRecorder recorder, ChainProjection chain, ObjectMapper mapper,
            DirectoryProjection directory) {
        this.recorder = recorder;
        this.chain = chain;
        this.mapper = mapper;
        this.directory = directory;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void consume(String record) {
        CloudEvent event = CloudEvent.parse(record, mapper);
        if ("DirectoryPublished".equals(event.name())) {
            directory.apply(event, CHANNEL);
            return;
        }
        // One transaction: the timeline entry and the chain projection are applied together or not at all.
        recorder.record(event, CHANNEL);
        chain.apply(event);
    }
}
