package jp.horenso.incident.communication.service;

import java.time.OffsetDateTime;
import jp.horenso.incident.communication.Communication;

/** A notice or outside communication to record; which fields a kind needs is checked by the service. */
public record RecordCommunication(
        Communication.Kind kind,
        Communication.Recipient recipient,
        String recipientName,
        Integer persons,
        Communication.Method method,
        OffsetDateTime communicatedAt,
        String reference,
        String summary) {}
