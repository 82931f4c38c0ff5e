package jp.horenso.escalation.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person of an organisation who can be told about a case: how to reach them and in which language. */
@Entity
@Table(name = "person")
public class Person {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String organisation;

    /** The identity provider's {@code preferred_username}. */
    @Column(nullable = false)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String locale;

    @Column(name = "unit_code")
    private String unitCode;

    protected Person() {}

    public Person(
            String organisation, String username, String displayName, String email, String locale, String unitCode) {
        this.organisation = organisation;
        this.username = username;
        this.displayName = displayName;
        this.email = email;
        this.locale = locale;
        this.unitCode = unitCode;
    }

    /** The person's entry after a directory import (the user name stays). */
    public void replaceEntryFromImport(String displayName, String email, String locale, String unitCode) {
        this.displayName = displayName;
        this.email = email;
        this.locale = locale;
        this.unitCode = unitCode;
    }

    public String organisation() {
        return organisation;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String email() {
        return email;
    }

    public String locale() {
        return locale;
    }

    public String unitCode() {
        return unitCode;
    }
}
