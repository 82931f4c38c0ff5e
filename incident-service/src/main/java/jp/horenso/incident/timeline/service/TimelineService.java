package jp.horenso.incident.timeline.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.TrailHead;
import jp.horenso.incident.timeline.repository.TimelineRepository;
import jp.horenso.incident.timeline.rest.TimelineEntryView;

/**
 * Appends to and reads a case's timeline. Appending joins the caller's transaction and takes a per-case lock, so
 * concurrent appends to one case still form a single hash chain; it follows the case's trail head and advances it in
 * the same transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TimelineService {

    private final TimelineRepository entries;

    public TimelineService(TimelineRepository entries) {
        this.entries = entries;
    }

    public TimelineEntry append(
            UUID incidentId,
            TimelineType type,
            OffsetDateTime at,
            String actor,
            Map<String, Object> details,
            UUID sourceEventId) {
        // One round trip for the usual case, whose head the filing wrote: its row lock serialises the appends.
        TrailHead head = entries.lockHeadOf(incidentId);
        if (head == null) {
            // No head yet: the per-case lock guards its creation; then the head again, as another may have made it.
            entries.lockChainOf(incidentId);
            head = entries.lockHeadOf(incidentId);
        }
        if (head == null) {
            head = TrailHead.EMPTY;
        }
        TimelineEntry entry = TimelineEntry.after(head, incidentId, type, at, actor, details, sourceEventId);
        entries.persist(entry);
        entries.advanceHead(head, entry);
        return entry;
    }

    /**
     * The first entry of a case created in this transaction: nobody else can append to a case that is not committed
     * yet, so neither the per-case lock nor a read of its (absent) head is needed.
     */
    public TimelineEntry start(
            UUID incidentId, TimelineType type, OffsetDateTime at, String actor, Map<String, Object> details) {
        TimelineEntry entry = TimelineEntry.after(TrailHead.EMPTY, incidentId, type, at, actor, details, null);
        entries.persist(entry);
        entries.advanceHead(TrailHead.EMPTY, entry);
        return entry;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TimelineEntryView> of(UUID incidentId) {
        return entries.of(incidentId).stream().map(TimelineEntryView::of).toList();
    }
}
