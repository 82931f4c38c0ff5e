package jp.horenso.escalation.legal.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Legal duties whose next report is due within a day (or already overdue) and not yet submitted, per organisation:
 * the gauge {@code horenso_legal_clocks_near_due{organisation}} behind the alert "a legal clock within a day"
 * (個人情報保護委員会への速報 etc., regulatory.md). Drills are left out. One grouped count over the running clocks,
 * read at most every {@value #FRESH_FOR_SECONDS} seconds whoever asks (scrapes of every replica share nothing, but
 * each costs one small query a minute); an organisation onboarded later gets its gauge at the next reading.
 */
@ApplicationScoped
public class LegalClocksNearDue {

    private static final Logger LOG = Logger.getLogger(LegalClocksNearDue.class);
    static final long FRESH_FOR_SECONDS = 30;

    private final AgroalDataSource dataSource;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private MeterRegistry registry;
    private Map<String, Long> last = Map.of();
    private long readAt;
    private boolean read;

    public LegalClocksNearDue(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void registerGauges(@Observes StartupEvent startup, MeterRegistry registry) {
        this.registry = registry;
        counts().keySet().forEach(this::register);
    }

    /** The counts read now, whatever the last reading's age. */
    public synchronized Map<String, Long> refresh() {
        read = false;
        return counts();
    }

    /** Open duties due within 24 hours (or overdue) per organisation; every known organisation is present. */
    public synchronized Map<String, Long> counts() {
        if (read && System.nanoTime() - readAt < FRESH_FOR_SECONDS * 1_000_000_000L) {
            return last;
        }
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet organisations = statement.executeQuery("select code from organisation")) {
                while (organisations.next()) {
                    counts.put(organisations.getString(1), 0L);
                }
            }
            try (ResultSet due = statement.executeQuery("""
                    select organisation, count(*) from legal_clock
                    where status = 'RUNNING' and not drill
                      and ((prompt_submitted_at is null and prompt_due_at <= now() + interval '1 day')
                        or (final_submitted_at is null and final_due_at <= now() + interval '1 day'))
                    group by organisation""")) {
                while (due.next()) {
                    counts.put(due.getString(1), due.getLong(2));
                }
            }
            last = Map.copyOf(counts);
        } catch (Exception e) {
            LOG.debugf("cannot count the legal clocks near their deadline: %s", e.getMessage());
            Map<String, Long> unreadable = new HashMap<>();
            last.keySet().forEach(code -> unreadable.put(code, -1L));
            last = Map.copyOf(unreadable);
        }
        read = true;
        readAt = System.nanoTime();
        if (registry != null) {
            last.keySet().forEach(this::register);
        }
        return last;
    }

    private void register(String organisation) {
        if (registered.add(organisation)) {
            Gauge.builder(
                            "horenso.legal.clocks.near.due",
                            this,
                            gauge -> gauge.counts().getOrDefault(organisation, 0L))
                    .description("Legal duties with a report due within 24 hours or overdue, not yet submitted")
                    .tag("organisation", organisation)
                    .register(registry);
        }
    }
}
