package jp.horenso.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The console reads the facts of incident- and escalation-service only while a stream is open on this instance
 * ({@link LiveTailTest} on the broker), and parses one only then (issue 13: nobody watching costs nothing). The streams themselves are tested end to end in
 * {@link LiveUpdatesTest} and {@link LiveOrganisationsTest}.
 */
class LiveEventsTest {

    private final LiveEvents events = new LiveEvents();

    @Test
    void aStreamGetsTheFactsPublishedWhileItIsOpenAndIsNoLongerCountedOnceCancelled() {
        UUID incident = UUID.randomUUID();
        events.publish(fact(incident, "IncidentReported")); // nobody watching: dropped unread
        assertEquals(0, events.openStreams());

        AssertSubscriber<LiveEvents.OrganisationChange> stream =
                events.changes().subscribe().withSubscriber(AssertSubscriber.create(10));
        assertEquals(1, events.openStreams());
        events.publish(fact(incident, "HopOpened"));
        stream.assertItems(new LiveEvents.OrganisationChange("demo-city", new Change(incident, "HopOpened")));

        stream.cancel();
        assertEquals(0, events.openStreams());
    }

    @Test
    void twoStreamsAreCountedApartAndEachEndingStreamIsUncounted() {
        AssertSubscriber<LiveEvents.OrganisationChange> first =
                events.changes().subscribe().withSubscriber(AssertSubscriber.create(10));
        AssertSubscriber<LiveEvents.OrganisationChange> second =
                events.changes().select().first(1).subscribe().withSubscriber(AssertSubscriber.create(10));
        assertEquals(2, events.openStreams());

        events.publish(fact(UUID.randomUUID(), "IncidentReported")); // the second stream takes one and completes
        second.assertCompleted();
        assertEquals(1, events.openStreams());
        first.assertItems(first.getItems().get(0)).cancel();
        assertEquals(0, events.openStreams());
    }

    @Test
    void openingAStreamStartsReadingTheTopicsAndAFactWithNobodyWatchingDoesNot() {
        List<Boolean> follows = new ArrayList<>();
        LiveEvents watchedEvents = new LiveEvents(new LiveTail(Map.of(), null) {
            @Override
            public synchronized void follow(BooleanSupplier watched, Consumer<String> sink) {
                follows.add(watched.getAsBoolean()); // the new stream is already counted
            }
        });
        watchedEvents.publish(fact(UUID.randomUUID(), "IncidentReported"));
        assertEquals(List.of(), follows);

        AssertSubscriber<LiveEvents.OrganisationChange> stream =
                watchedEvents.changes().subscribe().withSubscriber(AssertSubscriber.create(10));
        assertEquals(List.of(true), follows);
        stream.cancel();
    }

    private static String fact(UUID incident, String name) {
        return """
                {"specversion":"1.0","id":"%s","type":"jp.horenso.%s","source":"/incident-service",\
                "subject":"%s","organisation":"demo-city","data":{"incidentId":"%s"}}""".formatted(UUID.randomUUID(), name, incident, incident);
    }
}
