package jp.horenso.escalation.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import jp.horenso.escalation.directory.Unit;

/** The {@code unit} table. */
@ApplicationScoped
public class UnitRepository implements PanacheRepository<Unit> {

    public Optional<Unit> findByCode(String organisation, String code) {
        return find("organisation = ?1 and code = ?2", organisation, code).firstResultOptional();
    }

    /** The units of an organisation, departments first, then by code. */
    public List<Unit> ofOrganisation(String organisation) {
        return list("organisation = ?1 order by kind, code", organisation);
    }
}
