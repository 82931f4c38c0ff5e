package jp.horenso.incident.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.common.time.JapanTime;

/** Stores cases and hands out their numbers. */
@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    private final JapanTime clock;

    public IncidentRepository(JapanTime clock) {
        this.clock = clock;
    }

    /** The next case number, e.g. INC-2026-000042 (year in Japan time; the counter never repeats). */
    public String nextNumber() {
        Number next = (Number) getEntityManager()
                .createNativeQuery("SELECT nextval('incident_number_seq')")
                .getSingleResult();
        return "INC-%d-%06d".formatted(clock.now().getYear(), next.longValue());
    }
}
