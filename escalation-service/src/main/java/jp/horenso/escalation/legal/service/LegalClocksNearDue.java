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
import jp.horenso.escalation.legal.LegalReport;
import org.jboss.logging.Logger;

/**
 * Legal clocks whose deadline is within a day (or already passed) and whose report is not yet submitted, per
 * organisation and report: the gauge {@code horenso_legal_clocks_near_due{organisation, report}} behind the alert "a
 * legal clock within a day" (regulatory.md R1, R2). {@code report} is the {@link LegalReport}: {@code PROMPT} (速報 to
 * the commission), {@code FINAL} (確報) and {@code PERSONS_NOTICE} (本人通知, 法68条2項, when the rule set gives it a
 * deadline; it has no submission of its own, so it counts until the duty's clock stops: final report or withdrawal).
 * A duty with two reports near due counts once for each. Drills are left out. One grouped count over the running
 * clocks, read at most every {@value #FRESH_FOR_SECONDS} seconds whoever asks (scrapes of every replica share nothing,
 * but each costs one small query a minute); an organisation onboarded later gets its gauges at the next reading.
 */
@ApplicationScoped
public class LegalClocksNearDue {

    /** One gauge: an organisation's clocks of one report. */
    public record Clock(String organisation, LegalReport report) {}

    private static final Logger LOG = Logger.getLogger(LegalClocksNearDue.class);
    static final long FRESH_FOR_SECONDS = 30;

    private final AgroalDataSource dataSource;
    private final Set<Clock> registered = ConcurrentHashMap.newKeySet();
    private MeterRegistry registry;
    private Map<Clock, Long> last = Map.of();
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
    public synchronized Map<Clock, Long> refresh() {
        read = false;
        return counts();
    }

    /**
     * Unsubmitted reports due within 24 hours (or overdue) per organisation and report; every known organisation is
     * present with every report.
     */
    public synchronized Map<Clock, Long> counts() {
        if (read && System.nanoTime() - readAt < FRESH_FOR_SECONDS * 1_000_000_000L) {
            return last;
        }
        Map<Clock, Long> counts = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet organisations = statement.executeQuery("select code from organisation")) {
                while (organisations.next()) {
                    for (LegalReport report : LegalReport.values()) {
                        counts.put(new Clock(organisations.getString(1), report), 0L);
                    }
                }
            }
            // The columns in the order of LegalReport's constants.
            try (ResultSet due = statement.executeQuery("""
                    select organisation,
                           count(*) filter (where prompt_submitted_at is null
                                              and prompt_due_at <= now() + interval '1 day'),
                           count(*) filter (where final_submitted_at is null
                                              and final_due_at <= now() + interval '1 day'),
                           count(*) filter (where persons_notice_due_at <= now() + interval '1 day')
                      from legal_clock
                     where status = 'RUNNING' and not drill
                     group by organisation""")) {
                while (due.next()) {
                    for (LegalReport report : LegalReport.values()) {
                        counts.put(new Clock(due.getString(1), report), due.getLong(2 + report.ordinal()));
                    }
                }
            }
            last = Map.copyOf(counts);
        } catch (Exception e) {
            LOG.debugf("cannot count the legal clocks near their deadline: %s", e.getMessage());
            Map<Clock, Long> unreadable = new HashMap<>();
            last.keySet().forEach(clock -> unreadable.put(clock, -1L));
            last = Map.copyOf(unreadable);
        }
        read = true;
        readAt = System.nanoTime();
        if (registry != null) {
            last.keySet().forEach(this::register);
        }
        return last;
    }

    private void register(Clock clock) {
        if (registered.add(clock)) {
            Gauge.builder(
                            "horenso.legal.clocks.near.due",
                            this,
                            gauge -> gauge.counts().getOrDefault(clock, 0L))
                    .description("Legal reports (prompt, final, notice to the persons) due within 24 hours or overdue, "
                            + "not yet submitted")
                    .tag("organisation", clock.organisation())
                    .tag("report", clock.report().name())
                    .register(registry);
        }
    }
}
