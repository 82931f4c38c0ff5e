package jp.horenso.incident.disclosure.event;

import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.disclosure.DisclosureMethod;

/** An approved disclosure text was published (第44条7項). */
public record DisclosurePublished(
        UUID incidentId,
        UUID publicationId,
        int draftVersion,
        DisclosureMethod method,
        OffsetDateTime publishedAt,
        String publishedBy,
        boolean includesRecurrencePrevention,
        boolean drill) {

    public static final String NAME = "DisclosurePublished";
}
