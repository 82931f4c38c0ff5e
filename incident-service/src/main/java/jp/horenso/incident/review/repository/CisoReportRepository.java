package jp.horenso.incident.review.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.review.CisoReport;

/** Stores the CSIRT's reports to the CISO. */
@ApplicationScoped
public class CisoReportRepository implements PanacheRepositoryBase<CisoReport, UUID> {

    /** A case's reports, oldest first. */
    public List<CisoReport> of(UUID incidentId) {
        return list("incidentId = ?1 ORDER BY version", incidentId);
    }

    public CisoReport find(UUID incidentId, int version) {
        return find("incidentId = ?1 AND version = ?2", incidentId, version).firstResult();
    }

    /** The newest report of a case, or null. */
    public CisoReport latest(UUID incidentId) {
        return find("incidentId = ?1 ORDER BY version DESC", incidentId).firstResult();
    }

    /** The newest report the CISO accepted, or null. */
    public CisoReport latestAccepted(UUID incidentId) {
        return find("incidentId = ?1 AND decision = ?2 ORDER BY version DESC", incidentId, CisoReport.Decision.ACCEPT)
                .firstResult();
    }
}
