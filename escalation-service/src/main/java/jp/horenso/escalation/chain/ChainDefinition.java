package jp.horenso.escalation.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One version of an organisation's reporting chain, stored as data (a {@link ChainDocument} in JSON). A
 * version is never changed; a new chain is a new version, and running cases keep theirs.
 */
@Entity
@Table(name = "chain_definition")
public class ChainDefinition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String organisation;

    @Column(nullable = false)
    private int version;

    /** The {@link ChainDocument} as JSON; a {@code jsonb} column, so it can be queried in SQL too. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    private String definition;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    /** Who wrote this version ({@code seed} for version 1 from a seed file). */
    @Column(name = "created_by")
    private String createdBy;

    protected ChainDefinition() {}

    public ChainDefinition(String organisation, int version, String definition, String createdBy) {
        this.organisation = organisation;
        this.version = version;
        this.definition = definition;
        this.createdBy = createdBy;
    }

    public String organisation() {
        return organisation;
    }

    public int version() {
        return version;
    }

    public String definition() {
        return definition;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
