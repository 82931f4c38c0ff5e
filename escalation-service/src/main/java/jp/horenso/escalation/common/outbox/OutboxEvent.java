package jp.horenso.escalation.common.outbox;

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

    @Column(nullable = false, unique = true)
    private UUID id;

    @Column(nullable = false)
    private String topic;

    @Column(name = "message_key", nullable = false)
    private String messageKey;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String payload;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    protected OutboxEvent() {
    }

    public OutboxEvent(UUID id, String topic, String messageKey, String type, String payload) {
        this.id = id;
        this.topic = topic;
        this.messageKey = messageKey;
        this.type = type;
        this.payload = payload;
    }

    public void markPublished(Instant at) {
        this.publishedAt = at;
    }

    public Long seq() {
        return seq;
    }

    public UUID id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public String messageKey() {
        return messageKey;
    }

    public String type() {
        return type;
    }

    public String payload() {
        return payload;
    }

    public Instant publishedAt() {
        return publishedAt;
    }
}
