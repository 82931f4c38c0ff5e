package jp.horenso.notification.inbox.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import jp.horenso.notification.inbox.InboxItem;
import jp.horenso.platform.security.Organisation;

/** Stores inbox items and lists a person's. */
@ApplicationScoped
public class InboxItemRepository implements PanacheRepository<InboxItem> {

    /** A person's newest items first; only unread ones when asked. */
    public List<InboxItem> listFor(Organisation organisation, String username, boolean unreadOnly, int limit) {
        String query =
                "organisation = ?1 and username = ?2" + (unreadOnly ? " and readAt is null" : "") + " order by id desc";
        return find(query, organisation.code(), username).page(0, limit).list();
    }

    /** One item of a person; empty when it does not exist or belongs to someone else (or another organisation). */
    public Optional<InboxItem> findFor(Organisation organisation, String username, long id) {
        return find("id = ?1 and organisation = ?2 and username = ?3", id, organisation.code(), username)
                .firstResultOptional();
    }

    /** Items created within the last {@code seconds}, oldest first, for the live stream. */
    @SuppressWarnings("unchecked")
    public List<InboxItem> createdWithin(int seconds) {
        return getEntityManager()
                .createNativeQuery("""
                SELECT * FROM inbox_item WHERE created_at > now() - make_interval(secs => :seconds) ORDER BY id""", InboxItem.class)
                .setParameter("seconds", seconds)
                .getResultList();
    }
}
