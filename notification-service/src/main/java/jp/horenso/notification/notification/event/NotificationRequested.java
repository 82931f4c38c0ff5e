package jp.horenso.notification.notification.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.notification.notification.NotificationKind;

/**
 * The data of {@code jp.horenso.NotificationRequested}: escalation-service decided that a person must be told
 * about a case (docs/events/schemas/NotificationRequested.schema.json). Fields the contract does not have are
 * ignored, so nothing a producer adds by mistake can reach a message.
 *
 * @param attempt 1 for the first notice of a hop's step to the person, 2.. for its repeats
 * @param deputy whether the recipient stands in as deputy (代理者) for the position's holder
 * @param outsideBody the id of the outside body (関係機関) told, whose recipient is {@code outside:<id>}
 * @param legalDeadline the legal report deadline of a LEGAL_DEADLINE_* notice
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
        @NotNull Boolean drill,
        @Min(1) Integer attempt,
        Boolean deputy,
        @Size(max = 100) String deputyFor,
        @Size(max = 100) String outsideBody,
        @Valid LegalDeadline legalDeadline) {

    /** The CloudEvent type. */
    public static final String TYPE = "jp.horenso.NotificationRequested";

    /** The legal report deadline a LEGAL_DEADLINE_* notice is about (regulatory.md R1, R2). */
    public record LegalDeadline(
            @NotBlank @Size(max = 100) String code,
            @NotNull @Pattern(regexp = "PROMPT|FINAL") String report,
            @NotNull Instant dueAt,
            @NotBlank @Size(max = 200) String reportTo) {
    }

    /** Whether the recipient is an outside body (関係機関, 第43条2項) rather than a person of the organisation. */
    public boolean isToOutsideBody() {
        return outsideBody != null;
    }

    /** The person to tell. */
    public record Recipient(
            @NotBlank @Size(max = 100) String username,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @Pattern(regexp = "ja|en") String locale) {
    }
}
