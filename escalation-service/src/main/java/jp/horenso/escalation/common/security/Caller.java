package jp.horenso.escalation.common.security;

import java.util.Set;

/**
 * Who calls the API, from the token's claims: {@code preferred_username}, {@code organisation},
 * {@code department}, {@code unit} and the realm roles.
 */
public record Caller(String username, String organisation, String department, String unit, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
