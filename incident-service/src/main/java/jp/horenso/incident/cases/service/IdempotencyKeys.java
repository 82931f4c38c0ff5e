package jp.horenso.incident.cases.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.repository.IncidentRepository;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.sql.DirectSql;

/**
 * Idempotency keys of report creation, per user. The key is inserted first, naming the case the request is about to
 * make: a concurrent retry waits on the first request's row and then finds the case it made, so a retried POST never
 * makes a second case; if the first request rolls back, its key goes with it and the retry files the case.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IdempotencyKeys {

    private static final String CLAIM = "INSERT INTO idempotency_key (username, key, request_hash, incident_id) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final EntityManager em;
    private final IncidentRepository incidents;
    private final ObjectMapper mapper;

    public IdempotencyKeys(EntityManager em, IncidentRepository incidents, ObjectMapper mapper) {
        this.em = em;
        this.incidents = incidents;
        this.mapper = mapper;
    }

    /**
     * Claims the key for the case {@code incidentId} this request makes (in the same transaction, so one statement
     * does it); returns the case an earlier request with the same key made, or null if this one is first.
     */
    public Incident claim(String username, String key, ReportIncident request, UUID incidentId) {
        if (key.isEmpty() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ProblemException(400, "idempotency.invalid");
        }
        String hash = hash(request);
        // Past Hibernate's native-query API (DirectSql): this runs at every filing with a key.
        int inserted = DirectSql.update(em, CLAIM, username, key, hash, incidentId);
        if (inserted == 1) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT request_hash, incident_id FROM idempotency_key " + "WHERE username = ?1 AND key = ?2")
                .setParameter(1, username)
                .setParameter(2, key)
                .getResultList();
        Object[] row = rows.get(0);
        if (!hash.equals(row[0]) || row[1] == null) {
            throw new ProblemException(422, "idempotency.mismatch");
        }
        return incidents.findById((UUID) row[1]);
    }

    private String hash(ReportIncident request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(mapper.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
