package jp.horenso.escalation.hop.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A department head or the security lead judged the case 重大 (第43条3項). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentMarkedSerious(UUID incidentId, String markedBy, Instant markedAt, String reason) {

    public static final String NAME = "IncidentMarkedSerious";
}
