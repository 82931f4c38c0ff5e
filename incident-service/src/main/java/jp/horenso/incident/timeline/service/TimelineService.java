package jp.horenso.incident.timeline.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.repository.TimelineRepository;
import jp.horenso.incident.timeline.rest.TimelineEntryView;

/** Appends to and reads a case's timeline; appending always joins the caller's transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TimelineService {

    private final TimelineRepository entries;

    public TimelineService(TimelineRepository entries) {
        this.entries = entries;
    }

    public void append(UUID incidentId, TimelineType type, OffsetDateTime at, String actor,
            Map<String, Object> details, UUID sourceEventId) {
        TimelineEntry entry = new TimelineEntry();
        entry.incidentId = incidentId;
        entry.type = type;
        entry.at = at;
        entry.actor = actor;
        entry.details = details;
        entry.sourceEventId = sourceEventId;
        entries.persist(entry);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TimelineEntryView> of(UUID incidentId) {
        return entries.of(incidentId).stream().map(TimelineEntryView::of).toList();
    }
}
