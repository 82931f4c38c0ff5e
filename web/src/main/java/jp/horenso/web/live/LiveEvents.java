package jp.horenso.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import jp.horenso.web.common.AccessTokens;
import jp.horenso.web.common.Upstream;
import org.jboss.logging.Logger;

/**
 * The facts of incident-service and escalation-service, read by this console instance while someone watches
 * ({@link LiveTail}) and handed to the open event streams ({@link LiveResource}), which decide per person what to
 * pass on. Each fact keeps
 * the organisation its envelope names (CloudEvents extension attribute {@code organisation}); a fact without one is
 * dropped, so it can never reach a stream of any organisation.
 */
@ApplicationScoped
public class LiveEvents {

    /** The CloudEvents extension attribute every Horenso event carries (platform {@code CloudEvents.ORGANISATION}). */
    static final String ORGANISATION = AccessTokens.ORGANISATION;

    private static final Logger LOG = Logger.getLogger(LiveEvents.class);
    private static final String PREFIX = "jp.horenso.";

    private final BroadcastProcessor<OrganisationChange> changes = BroadcastProcessor.create();

    /** How many streams are open on this instance; with none, a fact is not even parsed (issue 13). */
    private final AtomicInteger open = new AtomicInteger();

    /** Reads the topics while streams are open; absent in plain unit tests. */
    private final LiveTail tail;

    @Inject
    public LiveEvents(LiveTail tail) {
        this.tail = tail;
    }

    /** Without the topics (plain unit tests): facts come only through {@link #publish}. */
    LiveEvents() {
        this(null);
    }

    /**
     * Passes on a CloudEvent about a case; anything else (directory, malformed, no organisation) is skipped. With no
     * stream open nobody could receive it (a stream gets only what comes after it opened), so it is not parsed.
     */
    public void publish(String cloudEvent) {
        if (open.get() == 0) {
            return;
        }
        OrganisationChange change = parse(cloudEvent);
        if (change != null) {
            changes.onNext(change);
        }
    }

    static OrganisationChange parse(String cloudEvent) {
        try {
            JsonNode event = Upstream.mapper().readTree(cloudEvent);
            String organisation = event.path(ORGANISATION).asText("");
            if (organisation.isBlank()) {
                LOG.debugf(
                        "an event without its organisation, skipped: %s",
                        event.path("id").asText(""));
                return null;
            }
            String type = event.path("type").asText("");
            String id = event.path("data")
                    .path("incidentId")
                    .asText(event.path("subject").asText(""));
            return new OrganisationChange(
                    organisation,
                    new Change(UUID.fromString(id), type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type));
        } catch (Exception e) {
            LOG.debugf("not about a case, skipped: %s", e.getMessage());
            return null;
        }
    }

    /** The changes from now on, for one stream; counted as open until it completes, fails or is cancelled. */
    public Multi<OrganisationChange> changes() {
        return changes.onSubscription()
                .invoke(subscription -> {
                    // Counted first: a reader about to stop for want of watchers sees this one, or has let go.
                    open.incrementAndGet();
                    if (tail != null) {
                        tail.follow(() -> open.get() > 0, this::publish);
                    }
                })
                .onTermination()
                .invoke(open::decrementAndGet);
    }

    /** How many streams are open on this instance. */
    int openStreams() {
        return open.get();
    }

    /** A change and the organisation whose case it is; only the {@link Change} ever leaves this instance. */
    public record OrganisationChange(String organisation, Change change) {}
}
