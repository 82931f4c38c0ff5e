package jp.horenso.incident.timeline.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import jp.horenso.incident.chain.service.ChainProjection;
import jp.horenso.incident.directory.event.DirectoryPublished;
import jp.horenso.incident.directory.service.DirectoryProjection;
import jp.horenso.incident.organisation.event.OrganisationOnboarded;
import jp.horenso.incident.organisation.service.OrganisationProfiles;
import jp.horenso.incident.timeline.service.TimelineRecorder;
import jp.horenso.platform.consumer.EventConsumption;
import jp.horenso.platform.events.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the chain's decisions, the directory and the organisations onboarded from escalation-service onto the
 * timeline, the chain projection, the directory projection and the organisation profiles: each polled batch in one
 * transaction ({@link EventConsumption#consumeBatch}). A transient failure (the database away for a few seconds) is
 * retried; only a record that cannot be applied goes to the dead-letter topic.
 */
@ApplicationScoped
public class ChainEventsConsumer {

    static final String CHANNEL = "escalation-events";

    private final EventConsumption consumption;
    private final TimelineRecorder recorder;
    private final ChainProjection chain;
    private final DirectoryProjection directory;
    private final OrganisationProfiles organisations;

    public ChainEventsConsumer(
            EventConsumption consumption,
            TimelineRecorder recorder,
            ChainProjection chain,
            DirectoryProjection directory,
            OrganisationProfiles organisations) {
        this.consumption = consumption;
        this.recorder = recorder;
        this.chain = chain;
        this.directory = directory;
        this.organisations = organisations;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> records) {
        return consumption.consumeBatch(records, this::apply);
    }

    /**
     * Joins the transaction of the batch (or of the event alone): the timeline entry and the chain projection are
     * applied together or not at all.
     */
    private void apply(IncomingEvent event) {
        if (event.is(OrganisationOnboarded.NAME)) {
            organisations.apply(event, CHANNEL);
        } else if (event.is(DirectoryPublished.NAME)) {
            directory.apply(event, CHANNEL);
        } else {
            recorder.record(event, CHANNEL);
            chain.apply(event);
        }
    }
}
