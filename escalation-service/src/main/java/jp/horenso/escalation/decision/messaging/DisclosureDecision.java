package jp.horenso.escalation.decision.messaging;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * The {@code data} this service needs of {@code jp.horenso.DisclosureDraftApproved} and
 * {@code jp.horenso.DisclosurePublished}: which case's disclosure text was approved or went public.
 */
public record DisclosureDecision(
        @NotNull UUID incidentId, @NotNull Integer draftVersion) {

    public static final String APPROVED = "DisclosureDraftApproved";
    public static final String PUBLISHED = "DisclosurePublished";
}
