package jp.horenso.web.common;

import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Set;

/** The signed-in person as the pages show them. */
@TemplateData
public record Me(String username, String name, Set<String> roles, String unit) {

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean any(List<String> wanted) {
        return wanted.stream().anyMatch(roles::contains);
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
