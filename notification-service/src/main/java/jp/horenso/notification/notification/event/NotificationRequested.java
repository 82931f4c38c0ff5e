package jp.horenso.notification.notification.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.notification.notification.NotificationKind;

/**
 * The data of {@code jp.horenso.NotificationRequested}: escalation-service decided that a person must be told
 * about a case (docs/events/schemas/NotificationRequested.schema.json).
 */
public record NotificationRequested(
        @NotNull UUID notificationId,
        @NotNull UUID incidentId,
        @NotBlank @Size(max = 100) String incidentNumber,
        @NotNull NotificationKind kind,
        UUID hopId,
        String step,
        @NotNull @Valid Recipient recipient,
        Instant ackDeadline,
        String severity,
        @NotNull Boolean drill) {

    /** The CloudEvent type. */
    public static final String TYPE = "jp.horenso.NotificationRequested";

    /** The person to tell. */
    public record Recipient(
            @NotBlank @Size(max = 100) String username,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @Pattern(regexp = "ja|en") String locale) {
    }
}
