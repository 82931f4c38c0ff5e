package jp.horenso.incident.timeline.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.timeline.SealedHead;
import jp.horenso.incident.timeline.TrailHead;
import org.hibernate.Session;

/** The seals of the trail heads ({@code timeline_seal}, {@code timeline_seal_head}): written once, read by verify. */
@ApplicationScoped
public class TrailSealRepository {

    /** One seal row. */
    public record Seal(long id, String organisation, OffsetDateTime sealedAt, int heads, String mac) {}

    /** A head that moved since it was last sealed, with the head last sealed (null: never sealed). */
    public record Unsealed(String organisation, UUID incidentId, TrailHead head, TrailHead lastSealed) {}

    private static final long SEALER_LOCK = 0x486f72656e736f53L; // "HorensoS"

    private final EntityManager em;

    public TrailSealRepository(EntityManager em) {
        this.em = em;
    }

    /** One sealer at a time across replicas: false when another holds the lock (until its transaction ends). */
    public boolean trySealerLock() {
        return (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, SEALER_LOCK)
                .getSingleResult();
    }

    /** Every head whose seq or hash differs from what its latest seal says, by organisation and incident. */
    public List<Unsealed> unsealedHeads() {
        List<?> rows = em.createNativeQuery("""
                        SELECT i.organisation, h.incident_id, h.seq, h.hash, last.seq, last.hash
                          FROM timeline_head h
                          JOIN incident i ON i.id = h.incident_id
                          LEFT JOIN LATERAL (SELECT s.seq, s.hash FROM timeline_seal_head s
                                              WHERE s.incident_id = h.incident_id
                                              ORDER BY s.seal_id DESC LIMIT 1) last ON true
                         WHERE last.seq IS NULL OR last.seq <> h.seq OR last.hash <> h.hash
                         ORDER BY i.organisation, h.incident_id
                        """).getResultList();
        List<Unsealed> result = new ArrayList<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            result.add(new Unsealed(
                    (String) r[0],
                    (UUID) r[1],
                    new TrailHead(((Number) r[2]).intValue(), (String) r[3]),
                    r[4] == null ? null : new TrailHead(((Number) r[4]).intValue(), (String) r[5])));
        }
        return result;
    }

    public long nextSealId() {
        return ((Number) em.createNativeQuery("SELECT nextval('timeline_seal_id_seq')")
                        .getSingleResult())
                .longValue();
    }

    /** Writes a seal and the heads it covers. */
    public void write(Seal seal, List<SealedHead> heads) {
        em.createNativeQuery(
                        "INSERT INTO timeline_seal (id, organisation, sealed_at, heads, mac) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, seal.id())
                .setParameter(2, seal.organisation())
                .setParameter(3, seal.sealedAt())
                .setParameter(4, seal.heads())
                .setParameter(5, seal.mac())
                .executeUpdate();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO timeline_seal_head (seal_id, incident_id, seq, hash) VALUES (?, ?, ?, ?)")) {
                for (SealedHead head : heads) {
                    insert.setLong(1, seal.id());
                    insert.setObject(2, head.incidentId());
                    insert.setInt(3, head.seq());
                    insert.setString(4, head.hash());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** The latest seal that covers the case, or null when it was never sealed. */
    public Seal latestCovering(UUID incidentId) {
        List<?> rows = em.createNativeQuery("""
                        SELECT s.id, s.organisation, s.sealed_at, s.heads, s.mac
                          FROM timeline_seal_head sh JOIN timeline_seal s ON s.id = sh.seal_id
                         WHERE sh.incident_id = ?1
                         ORDER BY sh.seal_id DESC LIMIT 1
                        """).setParameter(1, incidentId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        return new Seal(
                ((Number) r[0]).longValue(), (String) r[1], JapanTime.of(r[2]), ((Number) r[3]).intValue(), (String)
                        r[4]);
    }

    /** The heads a seal covers. */
    public List<SealedHead> headsOf(long sealId) {
        List<?> rows = em.createNativeQuery("SELECT incident_id, seq, hash FROM timeline_seal_head WHERE seal_id = ?1")
                .setParameter(1, sealId)
                .getResultList();
        List<SealedHead> heads = new ArrayList<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            heads.add(new SealedHead((UUID) r[0], ((Number) r[1]).intValue(), (String) r[2]));
        }
        return heads;
    }
}
