package jp.horenso.escalation.common.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.CallerIdentity;

/**
 * The caller of an endpoint that works inside one organisation (directory, absences, chain, hops, 重大 marking): a
 * token that names no organisation is refused, the installation administrator included (it onboards organisations
 * and sees none of their data), and so is a token without the claims its role needs — a section chief's and a
 * staff member's {@code unit}, a department head's {@code department}.
 */
@RequestScoped
public class OrganisationCaller {

    static final String STAFF = "staff";
    static final String SECTION_CHIEF = "section-chief";
    static final String DEPARTMENT_HEAD = "department-head";

    private final CallerIdentity identity;

    public OrganisationCaller(CallerIdentity identity) {
        this.identity = identity;
    }

    /**
     * The caller, inside their organisation.
     *
     * @throws ProblemException 403 without an organisation, or without a claim one of the caller's roles needs
     */
    public Caller current() {
        Caller caller = identity.current();
        if (caller.organisation() == null) {
            throw ProblemException.forbidden(Message.key("caller.without-organisation"));
        }
        List<String> missing = new ArrayList<>();
        if ((caller.hasRole(STAFF) || caller.hasRole(SECTION_CHIEF)) && caller.unit() == null) {
            missing.add("unit");
        }
        if (caller.hasRole(DEPARTMENT_HEAD) && caller.department() == null) {
            missing.add("department");
        }
        if (!missing.isEmpty()) {
            String claims = String.join(", ", missing);
            throw ProblemException.forbidden(Message.text(
                    "トークンに役割に必要な属性（" + claims + "）がありません。管理者に利用者の設定を確認してもらってください。",
                    "The token lacks the claims its roles need (" + claims + "). Ask the administrator to check the"
                            + " user's attributes."));
        }
        return caller;
    }
}
