package jp.horenso.incident.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import jp.horenso.localstack.testing.EventSchemas;

/** Sends notification-service's events to the real broker, each checked against its schema first. */
public final class NotificationEvents {

    public static final String TOPIC = "horenso.notification-events";

    private NotificationEvents() {}

    /** A CloudEvent of notification-service claiming {@code organisation}. */
    public static String event(String organisation, String eventName, String incidentId, String data) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/horenso/notification-service","type":"jp.horenso.%s",
                 "time":"%s","subject":"%s","organisation":"%s","datacontenttype":"application/json","data":%s}""".formatted(
                        UUID.randomUUID(),
                        eventName,
                        ChainEvents.t(OffsetDateTime.now(ZoneOffset.UTC)),
                        incidentId,
                        organisation,
                        data);
        EventSchemas.assertValid(eventName, event);
        return event;
    }

    /** NotificationFailed of a mail to {@code username} with the SMTP error {@code error}. */
    public static String failed(String organisation, String incidentId, String username, String error) {
        return event(organisation, "NotificationFailed", incidentId, """
                {"notificationId":"%s","incidentId":"%s","recipient":{"username":"%s"},"channel":"MAIL",
                 "failedAt":"%s","attempts":3,"error":"%s"}""".formatted(
                UUID.randomUUID(), incidentId, username, ChainEvents.t(OffsetDateTime.now(ZoneOffset.UTC)), error));
    }

    /** AcknowledgementLinkUsed by {@code username}. */
    public static String linkUsed(String organisation, String incidentId, String username) {
        return event(organisation, "AcknowledgementLinkUsed", incidentId, """
                {"notificationId":"%s","incidentId":"%s","hopId":"%s","username":"%s",
                 "acknowledgedAt":"%s"}""".formatted(
                        UUID.randomUUID(),
                        incidentId,
                        UUID.randomUUID(),
                        username,
                        ChainEvents.t(OffsetDateTime.now(ZoneOffset.UTC))));
    }
}
