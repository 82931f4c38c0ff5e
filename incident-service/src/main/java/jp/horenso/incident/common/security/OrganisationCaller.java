package jp.horenso.incident.common.security;

import jakarta.enterprise.context.RequestScoped;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.CallerIdentity;

/**
 * The caller of a case endpoint: always a person of one organisation, whose token carries the claims its role
 * needs. Every case, list, count and document is scoped by {@link Caller#organisation()} — there is no default
 * organisation.
 */
@RequestScoped
public class OrganisationCaller {

    private final CallerIdentity identity;

    public OrganisationCaller(CallerIdentity identity) {
        this.identity = identity;
    }

    /**
     * The caller of this request.
     *
     * @throws ProblemException 403 for a token without an organisation ({@code caller.without-organisation}), for
     *     the installation administrator, who sees no organisation's cases ({@code caller.installation-admin}), and
     *     for a token without the claims its role needs ({@code caller.missing-claim}): staff and section chiefs
     *     need {@code unit}, department heads {@code department} and {@code unit}
     */
    public Caller current() {
        Caller caller = identity.current();
        if (caller.organisation() == null) {
            // CallerIdentity lets the installation administrator through without an organisation; cases are not theirs.
            throw ProblemException.forbidden(Message.key("caller.installation-admin"));
        }
        if (caller.hasAnyRole(Roles.STAFF, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD) && caller.unit() == null) {
            throw ProblemException.forbidden(Message.key("caller.missing-claim", "unit"));
        }
        if (caller.hasRole(Roles.DEPARTMENT_HEAD) && caller.department() == null) {
            throw ProblemException.forbidden(Message.key("caller.missing-claim", "department"));
        }
        return caller;
    }
}
