package jp.horenso.escalation.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.escalation.directory.PositionAssignment;

/** The {@code position_assignment} table. */
@ApplicationScoped
public class PositionAssignmentRepository implements PanacheRepository<PositionAssignment> {
}
