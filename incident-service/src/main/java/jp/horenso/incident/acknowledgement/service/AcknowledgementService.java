package jp.horenso.incident.acknowledgement.service;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.horenso.incident.acknowledgement.Acknowledgement;
import jp.horenso.incident.acknowledgement.event.AcknowledgementLinkUsed;
import jp.horenso.incident.acknowledgement.event.IncidentAcknowledged;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.events.IncomingEvent;
import jp.horenso.platform.events.InvalidEventException;
import jp.horenso.platform.inbox.Inbox;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.Organisation;

/** Records that a person of the chain received a report; the chain stops that person's clock from the event. */
@ApplicationScoped
@Transactional
public class AcknowledgementService {

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final Outbox outbox;
    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final JapanTime clock;

    public AcknowledgementService(
            IncidentService incidents,
            TimelineService timeline,
            Outbox outbox,
            CloudEvents cloudEvents,
            Inbox inbox,
            JapanTime clock) {
        this.clock = clock;
        this.inbox = inbox;
        this.incidents = incidents;
        this.timeline = timeline;
        this.outbox = outbox;
        this.cloudEvents = cloudEvents;
    }

    /** An acknowledgement through the API by a person of the chain who may see the case. */
    public Acknowledgement acknowledge(Caller caller, UUID incidentId, String comment) {
        Incident incident = incidents.visible(caller, incidentId);
        Acknowledgement ack = record(incident, caller, clock.now(), "API", comment, Map.of(), null);
        return ack;
    }

    /**
     * An acknowledgement made with a signed link from a notification; notification-service checked the link's
     * signature, expiry, single use and recipient. Applied at most once per event.
     *
     * @throws InvalidEventException for an unusable event (it goes to the dead-letter topic)
     */
    public void acknowledgeByLink(IncomingEvent event, String consumer) {
        AcknowledgementLinkUsed used = cloudEvents.data(event, AcknowledgementLinkUsed.class);
        if (!inbox.firstDelivery(event.id(), consumer)) {
            return;
        }
        Incident incident = Panache.getEntityManager().find(Incident.class, used.incidentId());
        if (incident == null) {
            throw new InvalidEventException("unknown incident " + used.incidentId());
        }
        event.requireOrganisation(incident.organisation());
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("notificationId", used.notificationId().toString());
        link.put("hopId", used.hopId().toString());
        record(
                incident,
                new Caller(used.username(), null, null, null, Set.of()),
                used.acknowledgedAt(),
                "LINK",
                null,
                link,
                event.id());
    }

    private Acknowledgement record(
            Incident incident,
            Caller by,
            OffsetDateTime at,
            String via,
            String comment,
            Map<String, Object> extraDetails,
            UUID sourceEventId) {
        UUID incidentId = incident.id();
        Acknowledgement ack = Acknowledgement.received(
                incidentId, by.username(), at, via, comment == null || comment.isBlank() ? null : comment.strip());
        Panache.getEntityManager().persist(ack);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("via", ack.via());
        if (ack.comment() != null) {
            details.put("comment", ack.comment());
        }
        details.putAll(extraDetails);
        timeline.append(
                incidentId, TimelineType.ACKNOWLEDGED, ack.acknowledgedAt(), by.username(), details, sourceEventId);

        outbox.append(
                IncidentAcknowledged.NAME,
                Organisation.of(incident.organisation()),
                incidentId.toString(),
                new IncidentAcknowledged(
                        incidentId,
                        new IncidentAcknowledged.Person(
                                by.username(),
                                by.unit(),
                                by.department(),
                                by.roles().stream().sorted().toList()),
                        ack.acknowledgedAt(),
                        ack.via(),
                        ack.comment()));
        return ack;
    }
}
