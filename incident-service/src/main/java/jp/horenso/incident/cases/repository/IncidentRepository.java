package jp.horenso.incident.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;

/** Stores cases (their numbers come from the organisation's counter, OrganisationProfiles). */
@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {}
