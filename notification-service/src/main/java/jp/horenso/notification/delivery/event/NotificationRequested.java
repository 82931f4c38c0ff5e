package jp.horenso.notification.delivery.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import jp.horenso.notification.delivery.NotificationKind;

/**
 * The data of {@code jp.horenso.NotificationRequested}: escalation-service decided that a person must be told
 * about a case (docs/events/schemas/NotificationRequested.schema.json). Fields the contract does not have are
 * ignored, so nothing a producer adds by mistake can reach a message.
 *
 * @param attempt 1 for the first notice of a hop's step to the person, 2.. for its repeats
 * @param deputy whether the recipient stands in as deputy (代理者) for the position's holder
 * @param outsideBody the id of the outside body (関係機関) told, whose recipient is {@code outside:<id>}
 * @param legalDeadline the legal report deadline of a LEGAL_DEADLINE_* notice
 * @param note free text written by staff that travels with the notice: the acknowledging person's comment
 *        (FORWARDED) or the CISO's instructions (CISO_REPORT_RETURNED); shown to the recipient, never logged
 * @param copyOf the user name of the person whose notice this is a copy of (the vice-CISO's copy of the CISO's
 *        notices, 第9条); null for a notice of the recipient's own
 * @param reportVersion the version of the CISO report a CISO_REPORT_* notice is about
 * @param responseAction the response action a RESPONSE_ACTION_* notice is about
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
        @Valid LegalDeadline legalDeadline,
        @Size(max = 2000) String note,
        @Size(max = 100) String copyOf,
        @Min(1) Integer reportVersion,
        @Valid ResponseAction responseAction) {

    /** The event name; the CloudEvent type is {@code jp.horenso.} + this. */
    public static final String NAME = "NotificationRequested";

    /** The legal report deadline a LEGAL_DEADLINE_* notice is about (regulatory.md R1, R2). */
    public record LegalDeadline(
            @NotBlank @Size(max = 100) String code,

            @NotNull @Pattern(regexp = "PROMPT|FINAL|PERSONS_NOTICE")
            String report,

            @NotNull Instant dueAt,
            @NotBlank @Size(max = 200) String reportTo) {}

    /**
     * A containment (応急措置), recovery (復旧) or recurrence-prevention (再発防止策) step of the response, as a
     * RESPONSE_ACTION_* notice names it.
     */
    public record ResponseAction(
            @NotNull UUID actionId,

            @NotNull @Pattern(regexp = "CONTAINMENT|RECOVERY|RECURRENCE_PREVENTION")
            String kind,

            LocalDate dueDate) {}

    /** Whether the notice is a copy for someone other than its addressee. */
    public boolean isCopy() {
        return copyOf != null && !copyOf.isBlank();
    }

    /** Without the note and the recipient's address: free text written by staff must not reach a log. */
    @Override
    public String toString() {
        return "NotificationRequested[notificationId=" + notificationId + ", incidentId=" + incidentId + ", kind="
                + kind + ", hopId=" + hopId + ", recipient=" + (recipient == null ? null : recipient.username())
                + ", copyOf=" + copyOf + "]";
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
            @Pattern(regexp = "ja|en") String locale) {}
}
