package jp.horenso.incident.timeline.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineHasher;
import jp.horenso.incident.timeline.repository.TimelineRepository;
import jp.horenso.platform.csv.SafeCsv;
import jp.horenso.platform.security.Caller;

/** Proves a case's trail is intact (第117–119条) and exports it for auditors. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditService {

    private final IncidentService incidents;
    private final TimelineRepository entries;
    private final ObjectMapper mapper;
    private final JapanTime clock;

    public AuditService(IncidentService incidents, TimelineRepository entries, ObjectMapper mapper, JapanTime clock) {
        this.clock = clock;
        this.incidents = incidents;
        this.entries = entries;
        this.mapper = mapper;
    }

    /**
     * The outcome of walking a case's hash chain.
     *
     * @param brokenAtSeq the first entry whose hash or link does not match, or null when intact
     */
    public record Verification(
            UUID incidentId,
            int entries,
            boolean intact,
            Integer brokenAtSeq,
            String headHash,
            OffsetDateTime verifiedAt) {}

    /** Recomputes every hash from the stored rows; any row changed after it was written breaks the chain. */
    public Verification verify(Caller caller, UUID incidentId) {
        incidents.visible(caller, incidentId);
        List<TimelineEntry> chain = entries.of(incidentId);
        String previous = TimelineHasher.GENESIS;
        int expectedSeq = 1;
        for (TimelineEntry entry : chain) {
            if (entry.seq() != expectedSeq
                    || !previous.equals(entry.prevHash())
                    || !TimelineHasher.hash(entry).equals(entry.hash())) {
                return new Verification(incidentId, chain.size(), false, expectedSeq, null, clock.now());
            }
            previous = entry.hash();
            expectedSeq++;
        }
        return new Verification(incidentId, chain.size(), true, null, previous, clock.now());
    }

    /** The trail as JSON Lines: one JSON object per entry, in chain order. */
    public String exportJsonLines(Caller caller, UUID incidentId) {
        incidents.visible(caller, incidentId);
        StringBuilder out = new StringBuilder();
        for (TimelineEntry entry : entries.of(incidentId)) {
            out.append(json(row(entry))).append('\n');
        }
        return out.toString();
    }

    /** The trail as CSV (RFC 4180, Apache Commons CSV), details as a JSON column, formula cells neutralised. */
    public String exportCsv(Caller caller, UUID incidentId) {
        incidents.visible(caller, incidentId);
        List<List<?>> rows = new ArrayList<>();
        for (TimelineEntry entry : entries.of(incidentId)) {
            Map<String, Object> row = row(entry);
            rows.add(Arrays.asList(
                    row.get("seq"),
                    entry.type().name(),
                    row.get("at"),
                    entry.actor(),
                    json(entry.details()),
                    entry.sourceEventId(),
                    entry.prevHash(),
                    entry.hash()));
        }
        return SafeCsv.write(
                List.of("seq", "type", "at", "actor", "details", "source_event_id", "prev_hash", "hash"), rows, false);
    }

    private static Map<String, Object> row(TimelineEntry e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("incidentId", e.incidentId().toString());
        row.put("seq", e.seq());
        row.put("type", e.type().name());
        row.put("at", TimelineHasher.normalise(e.at()).toInstant().toString());
        row.put("actor", e.actor());
        row.put("details", e.details());
        row.put(
                "sourceEventId",
                e.sourceEventId() == null ? null : e.sourceEventId().toString());
        row.put("prevHash", e.prevHash());
        row.put("hash", e.hash());
        return row;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
