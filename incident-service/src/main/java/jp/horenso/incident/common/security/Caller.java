package jp.horenso.incident.common.security;

import java.util.Set;

/**
 * The person calling the API, as the identity provider describes them: user name, realm roles, and the
 * organisation unit the token names.
 *
 * @param unit the section (課) code, or the department code for a department head
 */
public record Caller(String username, Set<String> roles, String organisation, String department, String unit) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Roles that see every case of their organisation (the vice-CISO reads what the CISO reads, 第9条). */
    public boolean seesWholeOrganisation() {
        return hasRole(Roles.SECURITY_LEAD) || hasRole(Roles.CSIRT) || hasRole(Roles.CISO) || hasRole(Roles.VICE_CISO)
                || hasRole(Roles.AUDITOR);
    }

    /** Roles that may name any section of the organisation as the one a case concerns (第44条2項). */
    public boolean mayNameAnyUnit() {
        return hasRole(Roles.SECURITY_LEAD) || hasRole(Roles.CSIRT) || hasRole(Roles.CISO);
    }
}
