package jp.horenso.incident.evidence.rest;

import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.evidence.Evidence;

/** A piece of evidence in a case's list: metadata and hash, without its chain of custody. */
public record EvidenceSummary(
        UUID id,
        UUID incidentId,
        String filename,
        String contentType,
        long sizeBytes,
        String sha256,
        String description,
        String receivedBy,
        OffsetDateTime receivedAt) {

    public static EvidenceSummary of(Evidence e) {
        return new EvidenceSummary(
                e.id(),
                e.incidentId(),
                e.filename(),
                e.contentType(),
                e.sizeBytes(),
                e.sha256(),
                e.description(),
                e.receivedBy(),
                e.receivedAt());
    }
}
