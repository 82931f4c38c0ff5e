package jp.horenso.incident.disclosure.event;

import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.disclosure.DisclosureMethod;

/** The CISO decided whether and how the case is made public (第43条5項), beside the rule's proposal. */
public record DisclosureDecided(
        UUID incidentId,
        DisclosureMethod method,
        DisclosureMethod proposedMethod,
        String decidedBy,
        OffsetDateTime decidedAt,
        boolean drill) {

    public static final String NAME = "DisclosureDecided";
}
