package jp.horenso.incident.communication.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import jp.horenso.incident.communication.Communication;

/**
 * A communication to record. Which fields a kind needs: NOTICE_TO_PERSONS — persons and method;
 * INFORMATION_TO_CITIZENS — method; REPORT_TO_OUTSIDE_BODY — recipient (and recipientName for OTHER). A field that
 * does not belong to the kind is refused.
 *
 * @param communicatedAt when it was communicated, with its offset
 * @param reference the recipient's receipt number, the letter's file number, the web page's address …
 */
public record CommunicationRequest(
        @NotNull Communication.Kind kind,
        Communication.Recipient recipient,
        @Size(max = 200) String recipientName,
        @Min(1) @Max(100_000_000) Integer persons,
        Communication.Method method,
        @NotNull @PastOrPresent OffsetDateTime communicatedAt,
        @Size(max = 200) String reference,
        @Size(max = 2000) String summary) {}
