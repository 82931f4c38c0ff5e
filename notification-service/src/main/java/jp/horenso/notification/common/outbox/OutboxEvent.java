package jp.horenso.notification.common.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event written in the same transaction as the change it reports, waiting to be relayed to Kafka. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(name = "id", nullable = false, unique = true, updatable = false)
    private UUID id;

    @Column(name = "topic", nullable = false, updatable = false)
    private String topic;

    @Column(name = "message_key", nullable = false, updatable = false)
    private String messageKey;

    @Column(name = "type", nullable = false, updatable = false)
    private String type;

    @Column(name = "payload", nullable = false, updatable = false)
    private String payload;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    protected OutboxEvent() {
        // for Hibernate
    }

    public OutboxEvent(UUID id, String topic, String messageKey, String type, String payload) {
        this.id = id;
        this.topic = topic;
        this.messageKey = messageKey;
        this.type = type;
        this.payload = payload;
    }

    /** Records that the broker acknowledged the event. */
    public void markPublished(Instant at) {
        this.publishedAt = at;
    }

    public Long getSeq() {
        return seq;
    }

    public UUID getId() {
        return id;
    }

    public String getTopic() {
        return topic;
    }

    public String getMessageKey() {
        return messageKey;
    }

    public String getType() {
        return type;
    }

    public String getPayload() {
        return payload;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }
}
