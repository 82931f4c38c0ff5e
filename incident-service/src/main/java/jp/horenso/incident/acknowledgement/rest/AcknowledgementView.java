package jp.horenso.incident.acknowledgement.rest;

import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.acknowledgement.Acknowledgement;

/** An acknowledgement as the API shows it. */
public record AcknowledgementView(
        UUID id, UUID incidentId, String acknowledgedBy, OffsetDateTime acknowledgedAt, String via, String comment) {

    public static AcknowledgementView of(Acknowledgement a) {
        return new AcknowledgementView(
                a.id(), a.incidentId(), a.acknowledgedBy(), a.acknowledgedAt(), a.via(), a.comment());
    }
}
