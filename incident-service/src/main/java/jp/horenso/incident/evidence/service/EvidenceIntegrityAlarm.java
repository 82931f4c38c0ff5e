package jp.horenso.incident.evidence.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.evidence.Evidence;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import org.jboss.logging.Logger;

/**
 * Records that stored evidence no longer matches its hash. It commits on its own, because the download or hand-over
 * that found it is refused and rolled back, and the finding must stay on the case's timeline all the same.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class EvidenceIntegrityAlarm {

    private static final Logger LOG = Logger.getLogger(EvidenceIntegrityAlarm.class);

    private final TimelineService timeline;
    private final JapanTime clock;

    public EvidenceIntegrityAlarm(TimelineService timeline, JapanTime clock) {
        this.clock = clock;
        this.timeline = timeline;
    }

    /**
     * @param attempted what was refused: DOWNLOAD or HANDOVER
     * @param actualSha256 hash of the bytes now stored, null when they are gone
     */
    public void raise(UUID incidentId, Evidence e, String actor, String attempted, String actualSha256) {
        LOG.errorf(
                "Evidence %s of case %s no longer matches its SHA-256 (expected %s, found %s); %s refused",
                e.id(), incidentId, e.sha256(), actualSha256, attempted);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("evidenceId", e.id().toString());
        details.put("filename", e.filename());
        details.put("expectedSha256", e.sha256());
        details.put("actualSha256", actualSha256);
        details.put("refused", attempted);
        timeline.append(incidentId, TimelineType.EVIDENCE_INTEGRITY_FAILED, clock.now(), actor, details, null);
    }
}
