package jp.horenso.incident.organisation.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * escalation-service onboarded an organisation (read here, written there; the fields of
 * {@code docs/events/schemas/OrganisationOnboarded.schema.json}). Sent before the organisation's first
 * DirectoryPublished; this service keeps it as the organisation's profile.
 */
public record OrganisationOnboarded(
        @NotBlank String organisation,
        @NotNull @Valid Text name,
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9]{1,9}") String caseNumberPrefix,
        @NotBlank String classificationScheme,
        @NotNull @Valid Text contact,
        @NotNull List<@NotBlank String> publicContacts,
        @NotBlank String onboardedBy) {

    public static final String NAME = "OrganisationOnboarded";

    /** A text in Japanese and English. */
    public record Text(@NotBlank String ja, @NotBlank String en) {}
}
