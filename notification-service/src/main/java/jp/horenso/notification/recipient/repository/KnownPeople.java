package jp.horenso.notification.recipient.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jp.horenso.platform.security.Organisation;

/**
 * Whom this service knows as a person of an organisation: someone it was asked to notify for that organisation,
 * or whose delivery settings that organisation's security lead saved. There is no directory of people here (it
 * lives in escalation-service); these are the traces a person leaves in this service.
 */
@ApplicationScoped
public class KnownPeople {

    private final EntityManager em;

    public KnownPeople(EntityManager em) {
        this.em = em;
    }

    /** Whether (organisation, username) is a person this service knows. */
    public boolean knows(Organisation organisation, String username) {
        return !em.createNativeQuery("""
                SELECT 1 FROM notification WHERE organisation = :organisation AND recipient_username = :username
                UNION ALL
                SELECT 1 FROM recipient_channel WHERE organisation = :organisation AND username = :username
                UNION ALL
                SELECT 1 FROM recipient_setting WHERE organisation = :organisation AND username = :username
                LIMIT 1""")
                .setParameter("organisation", organisation.code())
                .setParameter("username", username)
                .getResultList()
                .isEmpty();
    }

    /** Whether another organisation than {@code organisation} knows a person of this user name. */
    public boolean knownElsewhere(Organisation organisation, String username) {
        return !em.createNativeQuery("""
                SELECT 1 FROM notification WHERE organisation <> :organisation AND recipient_username = :username
                UNION ALL
                SELECT 1 FROM recipient_channel WHERE organisation <> :organisation AND username = :username
                UNION ALL
                SELECT 1 FROM recipient_setting WHERE organisation <> :organisation AND username = :username
                LIMIT 1""")
                .setParameter("organisation", organisation.code())
                .setParameter("username", username)
                .getResultList()
                .isEmpty();
    }
}
