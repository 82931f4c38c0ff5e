package jp.horenso.notification.inbox.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import jp.horenso.notification.inbox.InboxItem;
import jp.horenso.notification.inbox.repository.InboxItemRepository;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Organisation;
import jp.horenso.platform.time.DatabaseClock;

/** Each person's in-app inbox: filled with every notification, read by its owner only. */
@ApplicationScoped
@Transactional
public class InboxService {

    static final int MAX_ITEMS = 200;

    private final InboxItemRepository items;
    private final EntityManager em;
    private final DatabaseClock clock;

    public InboxService(InboxItemRepository items, EntityManager em, DatabaseClock clock) {
        this.clock = clock;
        this.items = items;
        this.em = em;
    }

    /**
     * Puts a notification in its recipient's inbox, in the caller's transaction; a second call for the same
     * notification changes nothing (the notification id is unique there too).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID notificationId) {
        em.createNativeQuery("""
                INSERT INTO inbox_item (notification_id, organisation, username, incident_id, incident_number, kind, severity, drill,
                    subject, summary, case_link, ack_link)
                SELECT notification_id, organisation, recipient_username, incident_id, incident_number, kind, severity, drill,
                    subject, summary, case_link, ack_link
                FROM notification WHERE notification_id = :notificationId
                ON CONFLICT (notification_id) DO NOTHING""").setParameter("notificationId", notificationId).executeUpdate();
    }

    /** The person's items, newest first; the person is (organisation, username). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<InboxItemView> list(Organisation organisation, String username, boolean unreadOnly) {
        return items.listFor(organisation, username, unreadOnly, MAX_ITEMS).stream()
                .map(InboxItemView::of)
                .toList();
    }

    /** Marks one of the person's items read; another person's item is "not found". */
    public InboxItemView markRead(Organisation organisation, String username, long id) {
        InboxItem item = items.findFor(organisation, username, id)
                .orElseThrow(() -> ProblemException.notFound(Message.key("inbox.item-not-found")));
        item.markRead(clock.transactionTime());
        return InboxItemView.of(item);
    }

    /** Every item created within the last {@code seconds}, for the live stream. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<InboxStream.Pushed> createdWithin(int seconds) {
        return items.createdWithin(seconds).stream()
                .map(item -> new InboxStream.Pushed(item.organisation(), item.username(), InboxItemView.of(item)))
                .toList();
    }
}
