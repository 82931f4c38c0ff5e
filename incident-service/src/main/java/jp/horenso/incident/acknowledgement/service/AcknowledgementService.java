package jp.horenso.incident.acknowledgement.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.horenso.incident.acknowledgement.Acknowledgement;
import jp.horenso.incident.acknowledgement.event.AcknowledgementLinkUsed;
import jp.horenso.incident.acknowledgement.event.IncidentAcknowledged;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.events.CloudEvent;
import jp.horenso.incident.common.events.CloudEvent.MalformedEventException;
import jp.horenso.incident.common.inbox.ProcessedEvents;
import jp.horenso.incident.events.EventPublisher;
import jp.horenso.incident.common.security.Caller;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;

/** Records that a person of the chain received a report; the chain stops that person's clock from the event. */
@ApplicationScoped
@Transactional
public class AcknowledgementService {

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final EventPublisher events;
    private final ObjectMapper mapper;
    private final ProcessedEvents processed;

    public AcknowledgementService(IncidentService incidents, TimelineService timeline, EventPublisher events,
            ObjectMapper mapper, ProcessedEvents processed) {
        this.processed = processed;
        this.incidents = incidents;
        this.timeline = timeline;
        this.events = events;
        this.mapper = mapper;
    }

    /** An acknowledgement through the API by a person of the chain who may see the case. */
    public Acknowledgement acknowledge(Caller caller, UUID incidentId, String comment) {
        Incident incident = incidents.visible(caller, incidentId);
        Acknowledgement ack = record(incident.id(), caller, OffsetDateTime.now(ZoneOffset.UTC), "API", comment,
                Map.of(), null);
        return ack;
    }

    /**
     * An acknowledgement made with a signed link from a notification; notification-service checked the link's
     * signature, expiry, single use and recipient. Applied at most once per event.
     *
     * @throws MalformedEventException for an unusable event (it goes to the dead-letter topic)
     */
    public void acknowledgeByLink(CloudEvent event, String consumer) {
        AcknowledgementLinkUsed used = AcknowledgementLinkUsed.read(event.data(), mapper);
        if (!processed.firstDelivery(event.id(), consumer)) {
            return;
        }
        if (Panache.getEntityManager().find(Incident.class, used.incidentId()) == null) {
            throw new MalformedEventException("unknown incident " + used.incidentId());
        }
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("notificationId", used.notificationId().toString());
        link.put("hopId", used.hopId().toString());
        record(used.incidentId(), new Caller(used.username(), Set.of(), null, null, null), used.acknowledgedAt(),
                "LINK", null, link, event.id());
    }

    private Acknowledgement record(UUID incidentId, Caller by, OffsetDateTime at, String via, String comment,
            Map<String, Object> extraDetails, UUID sourceEventId) {
        Acknowledgement ack = Acknowledgement.received(incidentId, by.username(), at, via,
                comment == null || comment.isBlank() ? null : comment.strip());
        Panache.getEntityManager().persist(ack);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("via", ack.via());
        if (ack.comment() != null) {
            details.put("comment", ack.comment());
        }
        details.putAll(extraDetails);
        timeline.append(incidentId, TimelineType.ACKNOWLEDGED, ack.acknowledgedAt(), by.username(), details,
                sourceEventId);

        events.publish(incidentId, IncidentAcknowledged.NAME, new IncidentAcknowledged(incidentId,
                new IncidentAcknowledged.Person(by.username(), by.unit(), by.department(),
                        by.roles().stream().sorted().toList()),
                ack.acknowledgedAt(), ack.via(), ack.comment()));
        return ack;
    }
}
