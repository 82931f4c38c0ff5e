package jp.horenso.incident.cases.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.incident.cases.Incident;
import jp.horenso.platform.metrics.AfterCommit;

/**
 * Reports filed, as {@code horenso_reports_filed_total{organisation,kind,drill}}: organisations and kinds are
 * bounded sets (never a case id or a person as a tag). Counted when the filing commits.
 */
@ApplicationScoped
public class ReportCounters {

    private final MeterRegistry registry;
    private final AfterCommit afterCommit;

    public ReportCounters(MeterRegistry registry, AfterCommit afterCommit) {
        this.registry = registry;
        this.afterCommit = afterCommit;
    }

    public void filed(Incident incident) {
        afterCommit.increment(Counter.builder("horenso.reports.filed")
                .description("Incident reports filed (第43条1項)")
                .tag("organisation", incident.organisation())
                .tag("kind", incident.kind().name())
                .tag("drill", Boolean.toString(incident.drill()))
                .register(registry));
    }
}
