package jp.horenso.platform.security;

import java.util.Set;

/**
 * Who calls the API, from the access token's claims: {@code preferred_username}, {@code organisation},
 * {@code department}, {@code unit} and the realm roles. What a role may see is the service's business, not this
 * record's.
 *
 * @param unit the section (課) code, or the department code for a department head
 */
public record Caller(String username, String organisation, String department, String unit, Set<String> roles) {

    /**
     * The realm role of whoever runs the installation: onboards organisations, belongs to none, and sees no
     * organisation's cases.
     */
    public static final String INSTALLATION_ADMIN = "installation-admin";

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isInstallationAdmin() {
        return roles.contains(INSTALLATION_ADMIN);
    }

    /**
     * The caller's organisation.
     *
     * @throws IllegalStateException for the installation administrator, who belongs to none
     */
    public Organisation organisationRef() {
        if (organisation == null) {
            throw new IllegalStateException(username + " belongs to no organisation");
        }
        return Organisation.of(organisation);
    }

    /** Whether the caller holds at least one of {@code candidates}. */
    public boolean hasAnyRole(String... candidates) {
        for (String role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
