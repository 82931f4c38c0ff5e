package jp.horenso.incident.timeline.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.timeline.SealedHead;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineHasher;
import jp.horenso.incident.timeline.TrailHead;
import jp.horenso.incident.timeline.config.AuditConfig;
import jp.horenso.incident.timeline.repository.TimelineRepository;
import jp.horenso.incident.timeline.repository.TrailSealRepository;
import jp.horenso.incident.timeline.repository.TrailSealRepository.Seal;
import jp.horenso.incident.timeline.repository.TrailSealRepository.Unsealed;
import org.jboss.logging.Logger;

/**
 * Seals the case trails every {@code horenso.audit.seal-interval}: per organisation, one seal over the heads that moved
 * since they were last sealed, its MAC made with {@code horenso.audit.seal-key} (kept outside the database). A head is
 * sealed again only when its trail still extends the head sealed before (the sealed entry unchanged, every later entry
 * linked and hashed); otherwise the case keeps its earlier seal, which verification then holds against it, and an
 * {@code ALARM} is logged. Each seal is also logged (id, organisation, time, MAC), an anchor outside the database.
 */
@ApplicationScoped
public class TrailSealer {

    private static final Logger LOG = Logger.getLogger(TrailSealer.class);

    private final TrailSealRepository seals;
    private final TimelineRepository entries;
    private final EntityManager em;
    private final AuditConfig config;
    private final JapanTime clock;

    public TrailSealer(
            TrailSealRepository seals,
            TimelineRepository entries,
            EntityManager em,
            AuditConfig config,
            JapanTime clock) {
        this.seals = seals;
        this.entries = entries;
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            identity = "trail-sealer",
            every = "${horenso.audit.seal-interval}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        seal();
    }

    /** Writes the seals due now; returns their ids (none when nothing moved or another replica is sealing). */
    @Transactional
    public List<Long> seal() {
        if (!seals.trySealerLock()) {
            return List.of();
        }
        OffsetDateTime sealedAt = TimelineHasher.normalise(clock.now());
        Map<String, List<SealedHead>> byOrganisation = new LinkedHashMap<>();
        for (Unsealed head : seals.unsealedHeads()) {
            if (extendsSealed(head)) {
                byOrganisation
                        .computeIfAbsent(head.organisation(), o -> new ArrayList<>())
                        .add(new SealedHead(
                                head.incidentId(),
                                head.head().seq(),
                                head.head().hash()));
            }
            em.clear();
        }
        List<Long> written = new ArrayList<>();
        byOrganisation.forEach((organisation, heads) -> {
            long id = seals.nextSealId();
            String mac = SealedHead.mac(config.sealKey(), id, organisation, sealedAt.toInstant(), heads);
            seals.write(new Seal(id, organisation, sealedAt, heads.size(), mac), heads);
            LOG.infof(
                    "trail seal %d of %s at %s over %d heads: hmac-sha256 %s",
                    id, organisation, sealedAt, heads.size(), mac);
            written.add(id);
        });
        return written;
    }

    /** Whether the case's trail runs unbroken from the head sealed before (or from its start) to its head now. */
    private boolean extendsSealed(Unsealed unsealed) {
        UUID id = unsealed.incidentId();
        TrailHead from = unsealed.lastSealed();
        // Up to the head read: entries appended since then belong to the next seal.
        List<TimelineEntry> tail = entries.list(
                "incidentId = ?1 AND seq >= ?2 AND seq <= ?3 ORDER BY seq",
                id,
                from == null ? 1 : from.seq(),
                unsealed.head().seq());
        int expectedSeq = 1;
        String previous = TimelineHasher.GENESIS;
        int index = 0;
        if (from != null) {
            if (tail.isEmpty()
                    || tail.get(0).seq() != from.seq()
                    || !tail.get(0).hash().equals(from.hash())
                    || !TimelineHasher.hash(tail.get(0)).equals(from.hash())) {
                return alarm(unsealed, "its sealed entry " + from.seq() + " is gone or changed");
            }
            expectedSeq = from.seq() + 1;
            previous = from.hash();
            index = 1;
        }
        for (; index < tail.size(); index++) {
            TimelineEntry entry = tail.get(index);
            if (entry.seq() != expectedSeq
                    || !previous.equals(entry.prevHash())
                    || !TimelineHasher.hash(entry).equals(entry.hash())) {
                return alarm(unsealed, "entry " + expectedSeq + " does not follow from the sealed head");
            }
            previous = entry.hash();
            expectedSeq++;
        }
        if (expectedSeq - 1 != unsealed.head().seq()
                || !previous.equals(unsealed.head().hash())) {
            return alarm(unsealed, "its head does not end its entries");
        }
        return true;
    }

    private static boolean alarm(Unsealed unsealed, String what) {
        LOG.errorf(
                "ALARM the trail of case %s (%s) is not sealed: %s (head sealed before: %s). Any earlier seal "
                        + "stands; verify the case (GET /api/incidents/%s/audit/verify).",
                unsealed.incidentId(),
                unsealed.organisation(),
                what,
                unsealed.lastSealed() == null ? "none" : unsealed.lastSealed(),
                unsealed.incidentId());
        return false;
    }
}
