package jp.horenso.incident.acknowledgement.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.acknowledgement.Acknowledgement;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.events.CloudEvent;
import jp.horenso.incident.common.events.EventTimes;
import jp.horenso.incident.common.outbox.Outbox;
import jp.horenso.incident.common.security.Caller;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;

/** Records that a person of the chain received a report; the chain stops that person's clock from the event. */
@ApplicationScoped
@Transactional
public class AcknowledgementService {

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public AcknowledgementService(IncidentService incidents, TimelineService timeline, Outbox outbox,
            ObjectMapper mapper) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    public Acknowledgement acknowledge(Caller caller, UUID incidentId, String comment) {
        Incident incident = incidents.visible(caller, incidentId);
        Acknowledgement ack = new Acknowledgement();
        ack.id = UUID.randomUUID();
        ack.incidentId = incident.id;
        ack.acknowledgedBy = caller.username();
        ack.acknowledgedAt = OffsetDateTime.now(ZoneOffset.UTC);
        ack.via = "API";
        ack.comment = comment == null || comment.isBlank() ? null : comment.strip();
        Panache.getEntityManager().persist(ack);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("via", ack.via);
        if (ack.comment != null) {
            details.put("comment", ack.comment);
        }
        timeline.append(incident.id, TimelineType.ACKNOWLEDGED, ack.acknowledgedAt, caller.username(), details, null);

        ObjectNode data = mapper.createObjectNode();
        data.put("incidentId", incident.id.toString());
        ObjectNode by = data.putObject("acknowledgedBy");
        by.put("username", caller.username());
        by.put("unit", caller.unit());
        by.put("department", caller.department());
        caller.roles().stream().sorted().forEach(by.putArray("roles")::add);
        data.put("acknowledgedAt", EventTimes.format(ack.acknowledgedAt));
        data.put("via", ack.via);
        data.put("comment", ack.comment);
        outbox.add(CloudEvent.of("IncidentAcknowledged", incident.id, data));
        return ack;
    }
}
