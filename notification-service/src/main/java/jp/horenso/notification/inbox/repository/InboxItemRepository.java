package jp.horenso.notification.inbox.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import jp.horenso.notification.inbox.InboxItem;

/** Stores inbox items and lists a person's. */
@ApplicationScoped
public class InboxItemRepository implements PanacheRepository<InboxItem> {

    /** A person's newest items first; only unread ones when asked. */
    public List<InboxItem> listFor(String username, boolean unreadOnly, int limit) {
        String query =
                unreadOnly ? "username = ?1 and readAt is null order by id desc" : "username = ?1 order by id desc";
        return find(query, username).page(0, limit).list();
    }

    /** One item of a person; empty when it does not exist or belongs to someone else. */
    public Optional<InboxItem> findFor(String username, long id) {
        return find("id = ?1 and username = ?2", id, username).firstResultOptional();
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
