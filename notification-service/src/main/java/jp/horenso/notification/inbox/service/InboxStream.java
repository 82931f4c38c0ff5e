package jp.horenso.notification.inbox.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jp.horenso.platform.security.Organisation;

/**
 * Live updates of the inbox for dashboards (Server-Sent Events). New items are found by polling the database,
 * not by an in-memory signal from the intake, so a dashboard connected to one replica also sees what another
 * replica stored. Each poll looks back {@value #LOOK_BACK_SECONDS}s and skips what it pushed already: an item
 * whose transaction committed late (after a later id was seen) is still found.
 */
@ApplicationScoped
public class InboxStream {

    static final int LOOK_BACK_SECONDS = 30;

    /** Items a slow dashboard may fall behind by before its stream fails. */
    static final int MAX_BUFFERED = 1000;

    /** An item with its owner, so each stream passes on only its own person's items. */
    public record Pushed(String organisation, String username, InboxItemView item) {}

    private final InboxService inbox;
    private final BroadcastProcessor<Pushed> processor = BroadcastProcessor.create();
    private final AtomicInteger listeners = new AtomicInteger();
    private final Map<Long, Instant> pushed = new ConcurrentHashMap<>();

    public InboxStream(InboxService inbox) {
        this.inbox = inbox;
    }

    /** New items of the person (organisation, username), as they arrive, until the subscriber goes away. */
    public Multi<InboxItemView> forUser(Organisation organisation, String username) {
        // A poll may find several items at once while the client has asked for one: they wait in a bounded buffer
        // rather than fail the stream (a BroadcastProcessor fails a subscriber that has no demand left).
        return processor
                .onOverflow()
                .buffer(MAX_BUFFERED)
                .onSubscription()
                .invoke(listeners::incrementAndGet)
                .onTermination()
                .invoke(listeners::decrementAndGet)
                .filter(p -> organisation.code().equals(p.organisation()) && username.equals(p.username()))
                .map(Pushed::item);
    }

    /** One poll; nothing is read while no dashboard listens. */
    @Scheduled(
            every = "${horenso.notification.inbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        Instant now = Instant.now();
        pushed.values().removeIf(at -> at.isBefore(now.minusSeconds(2L * LOOK_BACK_SECONDS)));
        if (listeners.get() == 0) {
            return;
        }
        for (Pushed item : inbox.createdWithin(LOOK_BACK_SECONDS)) {
            if (pushed.putIfAbsent(item.item().id(), now) == null) {
                processor.onNext(item);
            }
        }
    }
}
