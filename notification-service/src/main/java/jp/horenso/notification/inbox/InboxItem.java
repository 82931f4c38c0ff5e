package jp.horenso.notification.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.notification.delivery.NotificationKind;

/**
 * One notification in a person's in-app inbox (受信箱). Created with the notification, in the same transaction,
 * so the inbox is the one channel that cannot fail; rows are written by {@code InboxService#add} only.
 */
@Entity
@Table(name = "inbox_item")
public class InboxItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "notification_id", nullable = false, updatable = false, unique = true)
    private UUID notificationId;

    @Column(name = "organisation", nullable = false, updatable = false)
    private String organisation;

    @Column(name = "username", nullable = false, updatable = false)
    private String username;

    @Column(name = "incident_id", nullable = false, updatable = false)
    private UUID incidentId;

    @Column(name = "incident_number", nullable = false, updatable = false)
    private String incidentNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, updatable = false)
    private NotificationKind kind;

    @Column(name = "severity", updatable = false)
    private String severity;

    @Column(name = "drill", nullable = false, updatable = false)
    private boolean drill;

    @Column(name = "subject", nullable = false, updatable = false)
    private String subject;

    @Column(name = "summary", nullable = false, updatable = false)
    private String summary;

    @Column(name = "case_link", nullable = false, updatable = false)
    private String caseLink;

    @Column(name = "ack_link", updatable = false)
    private String ackLink;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected InboxItem() {
        // for Hibernate
    }

    /** Marks the item read; reading it again keeps the first time. */
    public void markRead(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    public Long id() {
        return id;
    }

    public UUID notificationId() {
        return notificationId;
    }

    public String organisation() {
        return organisation;
    }

    public String username() {
        return username;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String incidentNumber() {
        return incidentNumber;
    }

    public NotificationKind kind() {
        return kind;
    }

    public String severity() {
        return severity;
    }

    public boolean drill() {
        return drill;
    }

    public String subject() {
        return subject;
    }

    public String summary() {
        return summary;
    }

    public String caseLink() {
        return caseLink;
    }

    public String ackLink() {
        return ackLink;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant readAt() {
        return readAt;
    }
}
