package jp.horenso.notification.recipient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.platform.security.Organisation;

/** One channel of a person (配信先), tried in position order: the next one is the failover of the one before. */
@Entity
@Table(name = "recipient_channel")
public class RecipientChannel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The person is (organisation, username): the same user name in another organisation is someone else. */
    @Column(name = "organisation", nullable = false, updatable = false)
    private String organisation;

    @Column(name = "username", nullable = false, updatable = false)
    private String username;

    @Column(name = "position", nullable = false, updatable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, updatable = false)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "webhook_format", updatable = false)
    private WebhookFormat webhookFormat;

    /** For mail, an address other than the one in the request (null: the request's); for webhooks, the URL. */
    @Column(name = "address", updatable = false)
    private String address;

    /** The HMAC key of a generic webhook; never shown again once stored. */
    @Column(name = "secret", updatable = false)
    private String secret;

    @Column(name = "updated_by", nullable = false, updatable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false, updatable = false)
    private Instant updatedAt;

    protected RecipientChannel() {
        // for Hibernate
    }

    public RecipientChannel(
            Organisation organisation,
            String username,
            int position,
            Channel channel,
            WebhookFormat webhookFormat,
            String address,
            String secret,
            String updatedBy,
            Instant updatedAt) {
        this.organisation = organisation.code();
        this.username = username;
        this.position = position;
        this.channel = channel;
        this.webhookFormat = webhookFormat;
        this.address = address;
        this.secret = secret;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
    }

    public Long id() {
        return id;
    }

    public Organisation organisation() {
        return Organisation.of(organisation);
    }

    public String username() {
        return username;
    }

    public int position() {
        return position;
    }

    public Channel channel() {
        return channel;
    }

    public WebhookFormat webhookFormat() {
        return webhookFormat;
    }

    public String address() {
        return address;
    }

    public String secret() {
        return secret;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
