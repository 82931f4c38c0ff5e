package jp.horenso.incident.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.cases.service.CaseCriteria;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.dashboard.rest.AwaitingHop;
import jp.horenso.platform.security.Caller;

/**
 * "What awaits me": the hops addressed to the caller that nobody acknowledged yet (open, or timed out and escalated
 * but still acknowledgeable late), soonest deadline first. A deputy's hops are addressed to the deputy.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AwaitingService {

    /** At most this many hops are returned; nobody has more waiting in a working chain. */
    static final int LIMIT = 200;

    /** The inbox's query, answered from {@code chain_hop_awaiting_idx} (also what {@code QueryPlanTest} explains). */
    private static final String SQL = """
            SELECT i.id, i.number, i.title, %s AS severity, i.drill, h.hop_id, h.step, h.trigger, h.opened_at,
                   h.ack_deadline, h.deputy_for
              FROM chain_hop h JOIN incident i ON i.id = h.incident_id
             WHERE h.recipient_username = :me AND h.state IN ('OPEN', 'TIMED_OUT') AND NOT h.chain_stopped
               AND i.state <> 'CLOSED' %s
             ORDER BY h.ack_deadline, h.opened_at, h.hop_id
             LIMIT %d
            """;

    private final EntityManager em;
    private final JapanTime clock;

    public AwaitingService(EntityManager em, JapanTime clock) {
        this.clock = clock;
        this.em = em;
    }

    /** The inbox's SQL: the caller's open hops on cases of the caller's organisation. */
    public static String sql() {
        return SQL.formatted(CaseCriteria.severitySql("i"), "AND i.organisation = :organisation", LIMIT);
    }

    @SuppressWarnings("unchecked")
    public List<AwaitingHop> of(Caller caller) {
        Query q = em.createNativeQuery(sql())
                .setParameter("me", caller.username())
                .setParameter("organisation", caller.organisationRef().code());
        OffsetDateTime now = clock.now();
        return ((List<Object[]>) q.getResultList())
                .stream()
                        .map(r -> {
                            OffsetDateTime deadline = JapanTime.of(r[9]);
                            return new AwaitingHop(
                                    (UUID) r[0],
                                    (String) r[1],
                                    (String) r[2],
                                    Severity.valueOf((String) r[3]),
                                    (Boolean) r[4],
                                    (UUID) r[5],
                                    (String) r[6],
                                    (String) r[7],
                                    JapanTime.of(r[8]),
                                    deadline,
                                    deadline.isBefore(now),
                                    (String) r[10]);
                        })
                        .toList();
    }
}
