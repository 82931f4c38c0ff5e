package jp.horenso.escalation.decision.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The {@code data} this service needs of {@code jp.horenso.CisoReviewDecided}: the CISO accepted or returned it. */
public record CisoReviewDecided(
        @NotNull UUID incidentId,
        @NotNull Integer reportVersion,
        @NotBlank String decision,
        @NotBlank String decidedBy,
        String instructions) {

    public static final String NAME = "CisoReviewDecided";
    /** The CISO sent the report back for changes (第44条5項). */
    public static final String RETURN = "RETURN";
}
