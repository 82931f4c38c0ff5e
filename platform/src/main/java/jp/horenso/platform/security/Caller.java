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

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
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
