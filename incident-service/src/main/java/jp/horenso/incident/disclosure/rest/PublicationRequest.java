package jp.horenso.incident.disclosure.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import java.time.OffsetDateTime;

/**
 * That an approved text was published.
 *
 * @param publishedAt when it was published (press conference, release); now when left out
 */
public record PublicationRequest(
        @NotNull @Min(1) @Max(100_000) Integer draftVersion,
        @PastOrPresent OffsetDateTime publishedAt) {}
