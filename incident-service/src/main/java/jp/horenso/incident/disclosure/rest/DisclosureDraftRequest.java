package jp.horenso.incident.disclosure.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new version of the disclosure text: Japanese required, English optional (both title and body, or neither).
 *
 * @param includeRecurrencePrevention publish the recurrence prevention the CISO accepted with the facts (第44条7項)
 */
public record DisclosureDraftRequest(
        @NotBlank @Size(max = 200) String titleJa,
        @NotBlank @Size(max = 20_000) String bodyJa,
        @Size(max = 200) String titleEn,
        @Size(max = 20_000) String bodyEn,
        boolean includeRecurrencePrevention) {}
