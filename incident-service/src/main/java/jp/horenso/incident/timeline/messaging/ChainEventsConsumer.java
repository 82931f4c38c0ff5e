package jp.horenso.incident.timeline.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.incident.chain.service.ChainProjection;
import jp.horenso.incident.directory.event.DirectoryPublished;
import jp.horenso.incident.directory.service.DirectoryProjection;
import jp.horenso.incident.organisation.event.OrganisationOnboarded;
import jp.horenso.incident.organisation.service.OrganisationProfiles;
import jp.horenso.incident.timeline.service.TimelineRecorder;
import jp.horenso.platform.consumer.EventConsumption;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the chain's decisions, the directory and the organisations onboarded from escalation-service onto the
 * timeline, the chain projection, the directory projection and the organisation profiles. A transient failure (the database away for a few seconds) is retried by
 * {@link EventConsumption}; only a record that cannot be applied goes to the dead-letter topic.
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
    public void consume(String record) {
        consumption.consume(
                record,
                event -> QuarkusTransaction.requiringNew().run(() -> {
                    if (event.is(OrganisationOnboarded.NAME)) {
                        organisations.apply(event, CHANNEL);
                        return;
                    }
                    if (event.is(DirectoryPublished.NAME)) {
                        directory.apply(event, CHANNEL);
                        return;
                    }
                    // One transaction: the timeline entry and the chain projection are applied together or not at all.
                    recorder.record(event, CHANNEL);
                    chain.apply(event);
                }));
    }
}
