package jp.horenso.incident.evidence.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.evidence.Evidence;

/** A piece of evidence with its SHA-256 and its whole chain of custody, oldest link first. */
public record EvidenceView(
        UUID id,
        UUID incidentId,
        String filename,
        String contentType,
        long sizeBytes,
        String sha256,
        String description,
        String receivedBy,
        OffsetDateTime receivedAt,
        List<CustodyEntryView> custody) {

    public static EvidenceView of(Evidence e, List<CustodyEntryView> custody) {
        return new EvidenceView(
                e.id(),
                e.incidentId(),
                e.filename(),
                e.contentType(),
                e.sizeBytes(),
                e.sha256(),
                e.description(),
                e.receivedBy(),
                e.receivedAt(),
                custody);
    }
}
