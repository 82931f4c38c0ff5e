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
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.timeline.SealedHead;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineHasher;
import jp.horenso.incident.timeline.TrailHead;
import jp.horenso.incident.timeline.config.AuditConfig;
import jp.horenso.incident.timeline.repository.TimelineRepository;
import jp.horenso.incident.timeline.repository.TrailSealRepository;
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
    private final TrailSealRepository seals;
    private final AuditConfig config;

    public AuditService(
            IncidentService incidents,
            TimelineRepository entries,
            ObjectMapper mapper,
            JapanTime clock,
            TrailSealRepository seals,
            AuditConfig config) {
        this.clock = clock;
        this.seals = seals;
        this.config = config;
        this.incidents = incidents;
        this.entries = entries;
        this.mapper = mapper;
    }

    /**
     * The outcome of walking a case's hash chain and checking it against the case's trail head.
     *
     * @param entries the entries found
     * @param brokenAtSeq the first entry whose hash or link does not match, or that is missing, or null when intact
     * @param headHash the hash of the last entry when intact
     * @param recordedHead the head the case keeps ({@code timeline_head}); null when none was recorded
     * @param findings what is wrong, Japanese first, English second; empty when intact
     */
    public record Verification(
            UUID incidentId,
            int entries,
            boolean intact,
            Integer brokenAtSeq,
            String headHash,
            OffsetDateTime verifiedAt,
            TrailHead recordedHead,
            List<Finding> findings,
            SealCheck seal) {}

    /**
     * The latest seal that covers the case: which head it sealed, and whether its MAC, recomputed with the key over
     * every head it covers, still matches. Null when the case was not sealed yet.
     */
    public record SealCheck(long id, OffsetDateTime sealedAt, int seq, String hash, boolean valid) {}

    /** One thing verification found wrong: a code, the entry concerned, and what it means in Japanese and English. */
    public record Finding(String code, Integer seq, String ja, String en) {}

    /**
     * Recomputes every hash from the stored rows, then compares the end of the chain with the case's recorded head:
     * a row changed after it was written breaks the chain; entries deleted from the end leave the chain shorter than
     * its head; a consistent rewrite of entries and head (by someone without the seal key) no longer has the hash
     * the latest seal holds for the case.
     */
    public Verification verify(Caller caller, UUID incidentId) {
        Incident incident = incidents.visible(caller, incidentId);
        List<TimelineEntry> chain = entries.of(incidentId);
        TrailHead recorded = entries.headOf(incidentId);
        List<Finding> findings = new ArrayList<>();
        Integer brokenAt = brokenLink(chain);
        if (brokenAt != null) {
            findings.add(new Finding(
                    "CHAIN_BROKEN",
                    brokenAt,
                    "記録 " + brokenAt + " のハッシュまたは前の記録とのつながりが一致しません（書き込み後に変更されています）。",
                    "Entry " + brokenAt + " does not match its hash or its link to the previous entry (changed after"
                            + " it was written)."));
        } else {
            brokenAt = headMismatch(chain, recorded, findings);
        }
        SealCheck seal = checkSeal(incident, chain, findings);
        if (seal != null && seal.valid() && !findings.isEmpty()) {
            brokenAt = brokenAt == null ? seal.seq() : Math.min(brokenAt, seal.seq());
        }
        TrailHead computed = chain.isEmpty()
                ? TrailHead.EMPTY
                : new TrailHead(
                        chain.get(chain.size() - 1).seq(),
                        chain.get(chain.size() - 1).hash());
        boolean intact = findings.isEmpty();
        return new Verification(
                incidentId,
                chain.size(),
                intact,
                brokenAt,
                intact && !chain.isEmpty() ? computed.hash() : null,
                clock.now(),
                recorded,
                List.copyOf(findings),
                seal);
    }

    /** Recomputes the case's latest seal and holds the chain against the head it sealed. */
    private SealCheck checkSeal(Incident incident, List<TimelineEntry> chain, List<Finding> findings) {
        TrailSealRepository.Seal seal = seals.latestCovering(incident.id());
        if (seal == null) {
            return null;
        }
        List<SealedHead> covered = seals.headsOf(seal.id());
        SealedHead sealed = covered.stream()
                .filter(h -> h.incidentId().equals(incident.id()))
                .findFirst()
                .orElseThrow();
        boolean valid = seal.heads() == covered.size()
                && seal.organisation().equals(incident.organisation())
                && SealedHead.sameMac(
                        SealedHead.mac(
                                config.sealKey(),
                                seal.id(),
                                seal.organisation(),
                                seal.sealedAt().toInstant(),
                                covered),
                        seal.mac());
        if (!valid) {
            findings.add(new Finding(
                    "SEAL_INVALID",
                    null,
                    "封印 " + seal.id() + " が対象の記録の末尾と一致しません（封印または封印した末尾が鍵なしで書き換えられています）。",
                    "Seal " + seal.id() + " does not match the heads it covers (the seal or its heads were rewritten"
                            + " without the key)."));
        } else if (chain.size() < sealed.seq()
                || chain.get(sealed.seq() - 1).seq() != sealed.seq()
                || !chain.get(sealed.seq() - 1).hash().equals(sealed.hash())) {
            findings.add(new Finding(
                    "REWRITTEN_SINCE_SEAL",
                    sealed.seq(),
                    "記録 " + sealed.seq() + " は封印（" + seal.id() + "）の後に書き換えられています（封印時のハッシュと一致しません）。",
                    "Entry " + sealed.seq() + " was rewritten after seal " + seal.id()
                            + " (it no longer has the sealed hash)."));
        }
        return new SealCheck(seal.id(), seal.sealedAt(), sealed.seq(), sealed.hash(), valid);
    }

    /** The seq of the first entry whose seq, link or hash is wrong; null when the chain is consistent. */
    private static Integer brokenLink(List<TimelineEntry> chain) {
        String previous = TimelineHasher.GENESIS;
        int expectedSeq = 1;
        for (TimelineEntry entry : chain) {
            if (entry.seq() != expectedSeq
                    || !previous.equals(entry.prevHash())
                    || !TimelineHasher.hash(entry).equals(entry.hash())) {
                return expectedSeq;
            }
            previous = entry.hash();
            expectedSeq++;
        }
        return null;
    }

    /** Compares a consistent chain with the recorded head; adds a finding and returns the seq concerned if they differ. */
    private static Integer headMismatch(List<TimelineEntry> chain, TrailHead recorded, List<Finding> findings) {
        int length = chain.size();
        if (recorded == null) {
            if (length == 0) {
                return null;
            }
            findings.add(new Finding(
                    "HEAD_MISSING",
                    1,
                    "事案の記録の末尾（件数とハッシュ）が見つかりません。",
                    "The case's trail head (entry count and hash) is missing."));
            return 1;
        }
        if (recorded.seq() > length) {
            int first = length + 1;
            findings.add(new Finding(
                    "TRUNCATED",
                    first,
                    "記録 " + first + "〜" + recorded.seq() + " が削除されています（記録は " + recorded.seq() + " 件のはずが " + length
                            + " 件です）。",
                    "Entries " + first + " to " + recorded.seq() + " were deleted (the trail should hold "
                            + recorded.seq() + " entries, it holds " + length + ")."));
            return first;
        }
        if (recorded.seq() < length) {
            int first = recorded.seq() + 1;
            findings.add(new Finding(
                    "BEYOND_HEAD",
                    first,
                    "記録 " + first + " 以降は末尾の記録の後に追加されています（アプリケーションを通さずに書き込まれました）。",
                    "Entries from " + first + " on lie beyond the trail head (written without the application)."));
            return first;
        }
        if (length > 0 && !recorded.hash().equals(chain.get(chain.size() - 1).hash())) {
            findings.add(new Finding(
                    "HEAD_MISMATCH",
                    length,
                    "最後の記録 " + length + " のハッシュが記録の末尾と一致しません（書き換えられています）。",
                    "The last entry " + length + " does not match the hash of the trail head (rewritten)."));
            return length;
        }
        return null;
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
