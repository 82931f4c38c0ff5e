package jp.horenso.notification.recipient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import jp.horenso.platform.security.Organisation;

/**
 * How quiet a person — (organisation, username) — wants to be kept: the digest window for bursts (null: every
 * message at once).
 */
@Entity
@Table(name = "recipient_setting")
@IdClass(RecipientSetting.Key.class)
public class RecipientSetting {

    /** The primary key: the organisation and the user name in it. */
    public static class Key implements Serializable {

        private String organisation;
        private String username;

        protected Key() {
            // for Hibernate
        }

        public Key(Organisation organisation, String username) {
            this.organisation = organisation.code();
            this.username = username;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && organisation.equals(key.organisation) && username.equals(key.username);
        }

        @Override
        public int hashCode() {
            return Objects.hash(organisation, username);
        }
    }

    @Id
    @Column(name = "organisation", nullable = false, updatable = false)
    private String organisation;

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

    public RecipientSetting(Organisation organisation, String username) {
        this.organisation = organisation.code();
        this.username = username;
    }

    /** Sets the digest window (null: no digest). */
    public void changeDigestWindow(Duration window, String by, Instant at) {
        this.digestWindowSeconds = window == null ? null : Math.toIntExact(window.toSeconds());
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public Organisation organisation() {
        return Organisation.of(organisation);
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
