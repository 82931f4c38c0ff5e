package jp.horenso.platform.admintrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import jp.horenso.platform.security.Organisation;
import jp.horenso.platform.time.DatabaseClock;

/**
 * The administrative audit trail of each organisation (第117–119条 for the rules, not only the cases): directory
 * imports, chain versions, absences, delivery settings and onboarding are recorded in the same transaction as the
 * change, one hash-chained entry after another, with the organisation's head (last sequence number and hash) kept
 * beside them so a deleted tail is detected. The tables refuse UPDATE, DELETE and TRUNCATE (triggers, and the
 * application's database role has no such privilege on them).
 */
@ApplicationScoped
public class AdminTrail {

    /** The previous hash of an organisation's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private final EntityManager entityManager;
    private final DatabaseClock clock;
    private final ObjectMapper mapper;

    public AdminTrail(EntityManager entityManager, DatabaseClock clock, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.mapper = mapper;
    }

    /**
     * Records that {@code actor} did {@code action} to {@code subject} in {@code organisation}, in the caller's
     * transaction (so the entry exists if and only if the change commits). Entries of one organisation are
     * serialised by a lock on its head.
     *
     * @param detail what changed, as a record or map (written as JSON; never a secret)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AdminTrailEntry record(
            Organisation organisation, String actor, String action, String subject, Object detail) {
        entityManager
                .createNativeQuery("""
                insert into admin_trail_head (organisation, seq, hash) values (:org, 0, :genesis)
                on conflict (organisation) do nothing
                """)
                .setParameter("org", organisation.code())
                .setParameter("genesis", GENESIS)
                .executeUpdate();
        Object[] head = (Object[]) entityManager
                .createNativeQuery("select seq, hash from admin_trail_head where organisation = :org for update")
                .setParameter("org", organisation.code())
                .getSingleResult();
        AdminTrailEntry entry = new AdminTrailEntry(
                UUID.randomUUID(),
                organisation.code(),
                ((Number) head[0]).longValue() + 1,
                clock.transactionTime().truncatedTo(ChronoUnit.MICROS),
                actor,
                action,
                subject,
                json(detail),
                (String) head[1],
                null);
        entry = new AdminTrailEntry(
                entry.id(),
                entry.organisation(),
                entry.seq(),
                entry.recordedAt(),
                entry.actor(),
                entry.action(),
                entry.subject(),
                entry.detail(),
                entry.previousHash(),
                entry.computeHash());
        entityManager
                .createNativeQuery("""
                insert into admin_trail_entry
                    (id, organisation, seq, recorded_at, actor, action, subject, detail, previous_hash, hash)
                values (:id, :org, :seq, :at, :actor, :action, :subject, :detail, :previous, :hash)
                """)
                .setParameter("id", entry.id())
                .setParameter("org", entry.organisation())
                .setParameter("seq", entry.seq())
                .setParameter("at", Timestamp.from(entry.recordedAt()))
                .setParameter("actor", entry.actor())
                .setParameter("action", entry.action())
                .setParameter("subject", entry.subject())
                .setParameter("detail", entry.detail())
                .setParameter("previous", entry.previousHash())
                .setParameter("hash", entry.hash())
                .executeUpdate();
        entityManager
                .createNativeQuery("update admin_trail_head set seq = :seq, hash = :hash where organisation = :org")
                .setParameter("seq", entry.seq())
                .setParameter("hash", entry.hash())
                .setParameter("org", entry.organisation())
                .executeUpdate();
        return entry;
    }

    /** The organisation's entries, newest first, below {@code beforeSeq} (all when null), at most {@code limit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AdminTrailEntry> entries(Organisation organisation, Long beforeSeq, int limit) {
        List<?> rows = entityManager
                .createNativeQuery(SELECT + """
                where organisation = :org and seq < :before order by seq desc limit :limit
                """)
                .setParameter("org", organisation.code())
                .setParameter("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
                .setParameter("limit", Math.max(1, Math.min(limit, 1000)))
                .getResultList();
        return rows.stream().map(row -> entry((Object[]) row)).toList();
    }

    /**
     * Walks the organisation's whole chain from its first entry, recomputing every hash, and holds its end against
     * the recorded head: a changed row breaks the chain, deleted entries leave gaps or a chain shorter than its head.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AdminTrailVerification verify(Organisation organisation) {
        List<?> rows = entityManager
                .createNativeQuery(SELECT + " where organisation = :org order by seq")
                .setParameter("org", organisation.code())
                .getResultList();
        List<?> heads = entityManager
                .createNativeQuery("select seq, hash from admin_trail_head where organisation = :org")
                .setParameter("org", organisation.code())
                .getResultList();
        long headSeq = heads.isEmpty() ? 0 : ((Number) ((Object[]) heads.get(0))[0]).longValue();
        String headHash = heads.isEmpty() ? GENESIS : (String) ((Object[]) heads.get(0))[1];
        List<AdminTrailEntry> chain = new ArrayList<>(rows.size());
        for (Object row : rows) {
            chain.add(entry((Object[]) row));
        }
        return AdminTrailVerification.of(organisation.code(), chain, headSeq, headHash, clock.wallTime());
    }

    private static final String SELECT = """
            select id, organisation, seq, recorded_at, actor, action, subject, detail, previous_hash, hash
            from admin_trail_entry
            """;

    private static AdminTrailEntry entry(Object[] row) {
        return new AdminTrailEntry(
                (UUID) row[0],
                (String) row[1],
                ((Number) row[2]).longValue(),
                instant(row[3]),
                (String) row[4],
                (String) row[5],
                (String) row[6],
                (String) row[7],
                (String) row[8],
                (String) row[9]);
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        return (Instant) value;
    }

    private String json(Object detail) {
        try {
            return mapper.writeValueAsString(detail == null ? java.util.Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("detail cannot be written as JSON", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
