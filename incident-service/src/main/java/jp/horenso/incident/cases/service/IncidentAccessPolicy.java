package jp.horenso.incident.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.platform.security.Caller;

/**
 * Who may see a case: staff their own reports, a section chief their section's, a department head their
 * department's, the security lead, CSIRT, CISO and auditors every case of their organisation.
 */
@ApplicationScoped
public class IncidentAccessPolicy {

    public boolean canSee(Caller caller, Incident incident) {
        // Organisation is a hard boundary: a caller without one (the installation administrator) sees no case.
        if (caller.organisation() == null || !caller.organisation().equals(incident.organisation())) {
            return false;
        }
        if (Roles.seesWholeOrganisation(caller)) {
            return true;
        }
        if (caller.username().equals(incident.reportedBy())) {
            return true;
        }
        if (caller.hasRole(Roles.COMMITTEE) && incident.committeeReportedAt() != null) {
            return true;
        }
        if (caller.hasRole(Roles.SECTION_CHIEF)
                && caller.unit() != null
                && Objects.equals(caller.unit(), incident.unit())) {
            return true;
        }
        return caller.hasRole(Roles.DEPARTMENT_HEAD)
                && caller.department() != null
                && Objects.equals(caller.department(), incident.department());
    }
}
