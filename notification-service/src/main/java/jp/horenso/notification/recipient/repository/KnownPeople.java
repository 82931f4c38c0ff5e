package jp.horenso.notification.recipient.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jp.horenso.platform.security.Organisation;
import jp.horenso.platform.sql.DirectSql;

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
        return DirectSql.first(
                        em,
                        """
                SELECT 1 FROM notification WHERE organisation = ? AND recipient_username = ?
                UNION ALL
                SELECT 1 FROM recipient_channel WHERE organisation = ? AND username = ?
                UNION ALL
                SELECT 1 FROM recipient_setting WHERE organisation = ? AND username = ?
                LIMIT 1""",
                        row -> Boolean.TRUE,
                        organisation.code(),
                        username,
                        organisation.code(),
                        username,
                        organisation.code(),
                        username)
                .isPresent();
    }

    /** Whether another organisation than {@code organisation} knows a person of this user name. */
    public boolean knownElsewhere(Organisation organisation, String username) {
        return DirectSql.first(
                        em,
                        """
                SELECT 1 FROM notification WHERE organisation <> ? AND recipient_username = ?
                UNION ALL
                SELECT 1 FROM recipient_channel WHERE organisation <> ? AND username = ?
                UNION ALL
                SELECT 1 FROM recipient_setting WHERE organisation <> ? AND username = ?
                LIMIT 1""",
                        row -> Boolean.TRUE,
                        organisation.code(),
                        username,
                        organisation.code(),
                        username,
                        organisation.code(),
                        username)
                .isPresent();
    }
}
