package jp.horenso.incident.assessment.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A legal duty no longer applies to the case; its clocks stop. */
public record LegalDutyWithdrawn(UUID incidentId, String code, OffsetDateTime withdrawnAt) {

    public static final String NAME = "LegalDutyWithdrawn";
}
