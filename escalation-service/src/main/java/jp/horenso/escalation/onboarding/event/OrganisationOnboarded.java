package jp.horenso.escalation.onboarding.event;

import java.util.List;

/**
 * An organisation was onboarded into the installation (from a seed at start-up, or at runtime from a bundle):
 * incident-service keeps it as the organisation's profile. Published once, before the organisation's first
 * DirectoryPublished; subject and key = the organisation code.
 *
 * @param onboardedBy the installation administrator's user name, or {@code seed}
 */
public record OrganisationOnboarded(
        String organisation,
        Text name,
        String caseNumberPrefix,
        String classificationScheme,
        Text contact,
        List<String> publicContacts,
        String onboardedBy) {

    public static final String NAME = "OrganisationOnboarded";

    /** A text in Japanese and English. */
    public record Text(String ja, String en) {}
}
