package jp.horenso.incident.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jp.horenso.incident.cases.config.FilingConfig;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;

/**
 * The per-person limit on filing new reports, counted in PostgreSQL so that every replica of the service counts the
 * same filings. The count is taken in the filing's own transaction: a refused filing (429) rolls back with its count
 * and stores nothing, and a filing that fails for any other reason does not count either. Fixed windows of
 * {@code horenso.filing.rate-limit.per} on the database's clock; one row per person and window, the person's older
 * windows deleted when a new one starts.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class FilingRateLimit {

    private final EntityManager em;
    private final int max;
    private final long windowSeconds;

    public FilingRateLimit(EntityManager em, FilingConfig config) {
        this.em = em;
        this.max = config.rateLimit().max();
        this.windowSeconds = Math.max(1, config.rateLimit().per().toSeconds());
    }

    /**
     * Counts one filing of {@code reporter}.
     *
     * @throws ProblemException 429 ({@code filing.rate-limited}) with {@code Retry-After} when the person has filed
     *     {@code max} reports in the current window
     */
    public void take(Caller reporter) {
        // The row of the window stays locked until the filing commits: a person's concurrent filings are counted
        // one after the other (different people never wait for each other).
        Object[] row =
                (Object[]) em.createNativeQuery("INSERT INTO filing_rate (organisation, username, window_start, filed) "
                                + "VALUES (?1, ?2, to_timestamp(floor(extract(epoch FROM now()) / ?3) * ?3), 1) "
                                + "ON CONFLICT (organisation, username, window_start) "
                                + "DO UPDATE SET filed = filing_rate.filed + 1 "
                                + "RETURNING filed, ceil(extract(epoch FROM window_start - now()) + ?3)")
                        .setParameter(1, reporter.organisationRef().code())
                        .setParameter(2, reporter.username())
                        .setParameter(3, windowSeconds)
                        .getSingleResult();
        int filed = ((Number) row[0]).intValue();
        if (filed == 1) {
            em.createNativeQuery("DELETE FROM filing_rate WHERE organisation = ?1 AND username = ?2 "
                            + "AND window_start < now() - make_interval(secs => ?3)")
                    .setParameter(1, reporter.organisationRef().code())
                    .setParameter(2, reporter.username())
                    .setParameter(3, windowSeconds)
                    .executeUpdate();
        }
        if (filed > max) {
            long retryAfter = Math.max(1, ((Number) row[1]).longValue());
            throw new ProblemException(429, "filing.rate-limited", max, windowSeconds, retryAfter)
                    .header("Retry-After", Long.toString(retryAfter));
        }
    }
}
