package jp.horenso.incident.review.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * That the CISO reported the case to the information-security committee (第44条6項).
 *
 * @param reference the committee's minute or file number
 */
public record CommitteeReportRequest(
        @NotNull @PastOrPresent OffsetDateTime reportedAt,
        @NotBlank @Size(max = 200) String reference) {}
