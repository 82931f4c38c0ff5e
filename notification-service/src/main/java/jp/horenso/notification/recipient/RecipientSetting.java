package jp.horenso.notification.recipient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** How quiet a person wants to be kept: the digest window for bursts (null: every message at once). */
@Entity
@Table(name = "recipient_setting")
public class RecipientSetting {

    @Id
    @Column(name = "username", nullable = false, updatable = false)
    private String username;

    @Column(name = "digest_window_seconds")
    private Integer digestWindowSeconds;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RecipientSetting() {
        // for Hibernate
    }

    public RecipientSetting(String username) {
        this.username = username;
    }

    /** Sets the digest window (null: no digest). */
    public void changeDigestWindow(Duration window, String by, Instant at) {
        this.digestWindowSeconds = window == null ? null : Math.toIntExact(window.toSeconds());
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public String username() {
        return username;
    }

    /** The digest window, or null when bursts are not grouped. */
    public Duration digestWindow() {
        return digestWindowSeconds == null ? null : Duration.ofSeconds(digestWindowSeconds);
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
