package jp.horenso.incident.communication.rest;

import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.communication.Communication;

/** A recorded communication as the API shows it, with Japanese and English labels of its codes. */
public record CommunicationView(
        UUID id,
        UUID incidentId,
        Communication.Kind kind,
        Label kindLabel,
        Communication.Recipient recipient,
        Label recipientLabel,
        String recipientName,
        Integer persons,
        Communication.Method method,
        Label methodLabel,
        OffsetDateTime communicatedAt,
        String reference,
        String summary,
        String recordedBy,
        OffsetDateTime recordedAt) {

    /** A code's label in both languages. */
    public record Label(String ja, String en) {}

    public static CommunicationView of(Communication c) {
        return new CommunicationView(
                c.id(),
                c.incidentId(),
                c.kind(),
                new Label(c.kind().ja, c.kind().en),
                c.recipient(),
                c.recipient() == null ? null : new Label(c.recipient().ja, c.recipient().en),
                c.recipientName(),
                c.persons(),
                c.method(),
                c.method() == null ? null : new Label(c.method().ja, c.method().en),
                c.communicatedAt(),
                c.reference(),
                c.summary(),
                c.recordedBy(),
                c.recordedAt());
    }
}
