package jp.horenso.web.common;

import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Set;

/**
 * The signed-in person as the pages show them.
 *
 * @param organisation the organisation code of the access token ({@code demo-city}); null for the installation
 *     administrator, who belongs to none
 * @param organisationName its name as the header shows it (Japanese or English), the code when none is known
 */
@TemplateData
public record Me(
        String username, String name, Set<String> roles, String unit, String organisation, String organisationName) {

    public Me(String username, String name, Set<String> roles, String unit) {
        this(username, name, roles, unit, null, null);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean any(List<String> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** Onboards organisations; belongs to none and sees no cases. */
    public boolean isInstallationAdmin() {
        return has(Roles.INSTALLATION_ADMIN);
    }

    /** May read the administrative trail: their organisation's (security lead, auditor) or any named one. */
    public boolean canReadAdminTrail() {
        return has(Roles.SECURITY_LEAD) || has(Roles.AUDITOR) || has(Roles.INSTALLATION_ADMIN);
    }

    public boolean isStaff() {
        return has(Roles.STAFF);
    }

    public boolean isApprover() {
        return has(Roles.SECTION_CHIEF)
                || has(Roles.DEPARTMENT_HEAD)
                || has(Roles.SECURITY_LEAD)
                || has(Roles.CSIRT)
                || has(Roles.CISO)
                || has(Roles.VICE_CISO);
    }

    public boolean isCsirt() {
        return has(Roles.CSIRT) || has(Roles.SECURITY_LEAD) || has(Roles.CISO);
    }

    public boolean isCiso() {
        return has(Roles.CISO) || has(Roles.VICE_CISO);
    }

    public boolean isAuditor() {
        return has(Roles.AUDITOR) || has(Roles.SECURITY_LEAD) || has(Roles.CSIRT) || has(Roles.CISO);
    }

    public boolean canReport() {
        return has(Roles.STAFF)
                || has(Roles.SECTION_CHIEF)
                || has(Roles.DEPARTMENT_HEAD)
                || has(Roles.SECURITY_LEAD)
                || has(Roles.CSIRT)
                || has(Roles.CISO);
    }

    public boolean canEditRecord() {
        return has(Roles.CSIRT) || has(Roles.SECURITY_LEAD);
    }

    public boolean canMarkSerious() {
        return has(Roles.DEPARTMENT_HEAD) || has(Roles.SECURITY_LEAD);
    }
}
