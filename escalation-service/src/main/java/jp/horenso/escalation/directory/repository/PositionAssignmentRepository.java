package jp.horenso.escalation.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import jp.horenso.escalation.directory.PositionAssignment;

/** The {@code position_assignment} table. */
@ApplicationScoped
public class PositionAssignmentRepository implements PanacheRepository<PositionAssignment> {

    public List<PositionAssignment> ofOrganisation(String organisation) {
        return list("organisation = ?1 order by id", organisation);
    }
}
