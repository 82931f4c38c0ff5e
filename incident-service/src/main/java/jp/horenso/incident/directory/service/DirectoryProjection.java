package jp.horenso.incident.directory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.directory.Directory;
import jp.horenso.incident.directory.DirectoryUnit;
import jp.horenso.incident.directory.event.DirectoryPublished;
import jp.horenso.incident.directory.repository.DirectoryRepository;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.events.IncomingEvent;
import jp.horenso.platform.events.InvalidEventException;
import jp.horenso.platform.inbox.Inbox;
import org.jboss.logging.Logger;

/**
 * Keeps the directory projection from {@code DirectoryPublished}: each event replaces the organisation's units, at
 * most once per event id; an event older than the directory held is ignored.
 */
@ApplicationScoped
@Transactional
public class DirectoryProjection {

    /** The processed-event consumer name: this projection records its events apart from the timeline's. */
    public static final String CONSUMER_SUFFIX = ":directory";

    private static final Logger LOG = Logger.getLogger(DirectoryProjection.class);

    private final DirectoryRepository directories;
    private final Inbox inbox;
    private final CloudEvents cloudEvents;
    private final JapanTime clock;

    public DirectoryProjection(DirectoryRepository directories, Inbox inbox, CloudEvents cloudEvents, JapanTime clock) {
        this.directories = directories;
        this.inbox = inbox;
        this.cloudEvents = cloudEvents;
        this.clock = clock;
    }

    /**
     * Applies one {@code DirectoryPublished} event.
     *
     * @throws InvalidEventException if the event is unusable (the record then goes to the dead-letter topic)
     */
    public void apply(IncomingEvent event, String channel) {
        DirectoryPublished published = cloudEvents.data(event, DirectoryPublished.class);
        String organisation = published.organisation();
        // The directory is the organisation's own: subject, envelope and data must name the same organisation.
        event.requireOrganisation(organisation);
        if (!organisation.equals(event.subject())) {
            throw new InvalidEventException("DirectoryPublished about " + event.subject() + " names " + organisation);
        }
        List<DirectoryUnit> units = units(organisation, published.units());
        if (!inbox.firstDelivery(event.id(), channel + CONSUMER_SUFFIX)) {
            return;
        }
        Directory held = directories.directory(organisation).orElse(null);
        if (held != null && held.publishedAt().isAfter(published.publishedAt())) {
            LOG.infof(
                    "ignored directory of %s published %s: %s is newer",
                    organisation, published.publishedAt(), held.publishedAt());
            return;
        }
        boolean first = held == null;
        if (first) {
            held = Directory.of(organisation);
        }
        held.replacedBy(published.publishedAt(), event.id(), clock.now());
        if (first) {
            directories.getEntityManager().persist(held);
        }
        directories.getEntityManager().flush();
        directories.replaceUnits(organisation, units);
    }

    private static List<DirectoryUnit> units(String organisation, List<DirectoryPublished.Unit> published) {
        List<DirectoryUnit> units = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (DirectoryPublished.Unit u : published) {
            if (!codes.add(u.code())) {
                throw new InvalidEventException("unit " + u.code() + " listed twice");
            }
            String parent = u.parent() != null && !u.parent().isBlank() ? u.parent() : null;
            units.add(new DirectoryUnit(
                    new DirectoryUnit.Key(organisation, u.code()),
                    u.kind(),
                    parent,
                    u.name().ja(),
                    u.name().en()));
        }
        return units;
    }
}
