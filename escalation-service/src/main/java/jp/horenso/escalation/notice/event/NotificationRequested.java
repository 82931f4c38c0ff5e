package jp.horenso.escalation.notice.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import jp.horenso.escalation.directory.Position;

/**
 * The chain decided a person (or an outside body) must be told about a case. Hop notifications carry
 * {@code hopId}, {@code step} and {@code ackDeadline}; legal ones carry {@code legalDeadline} instead;
 * decisions carry {@code note}, {@code reportVersion} or {@code responseAction}; a copy for the vice-CISO
 * names the CISO in {@code copyOf}. Built by {@code jp.horenso.escalation.notice.Notice}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationRequested(
        UUID notificationId,
        UUID incidentId,
        String incidentNumber,
        String kind,
        UUID hopId,
        Position step,
        Recipient recipient,
        Instant ackDeadline,
        String severity,
        boolean drill,
        Integer attempt,
        Boolean deputy,
        String deputyFor,
        String outsideBody,
        LegalDeadline legalDeadline,
        String note,
        String copyOf,
        Integer reportVersion,
        ResponseActionRef responseAction) {

    public static final String NAME = "NotificationRequested";

    /** Whom a notification goes to and in which language. */
    public record Recipient(String username, String name, String email, String locale) {}

    /** Which legal deadline a legal notification is about. */
    public record LegalDeadline(String code, String report, Instant dueAt, String reportTo) {}

    /** The response action a RESPONSE_ACTION_* notice is about. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResponseActionRef(UUID actionId, String kind, LocalDate dueDate) {}
}
