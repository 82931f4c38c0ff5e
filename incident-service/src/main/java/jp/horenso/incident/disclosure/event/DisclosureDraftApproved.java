package jp.horenso.incident.disclosure.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The CISO approved a version of the disclosure text that they did not write (第14条). */
public record DisclosureDraftApproved(
        UUID incidentId, int draftVersion, String approvedBy, OffsetDateTime approvedAt, boolean drill) {

    public static final String NAME = "DisclosureDraftApproved";
}
