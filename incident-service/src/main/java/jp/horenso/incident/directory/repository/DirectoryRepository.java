package jp.horenso.incident.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import jp.horenso.incident.directory.Directory;
import jp.horenso.incident.directory.DirectoryUnit;

/** The directory projection: one row per organisation and its units. */
@ApplicationScoped
public class DirectoryRepository implements PanacheRepositoryBase<DirectoryUnit, DirectoryUnit.Key> {

    /** The directory held for the organisation, if one arrived. */
    public Optional<Directory> directory(String organisation) {
        return Optional.ofNullable(getEntityManager().find(Directory.class, organisation));
    }

    public List<DirectoryUnit> units(String organisation) {
        return list("key.organisation = ?1 ORDER BY kind, key.code", organisation);
    }

    public Optional<DirectoryUnit> unit(String organisation, String code) {
        return findByIdOptional(new DirectoryUnit.Key(organisation, code));
    }

    /** Replaces the organisation's units (in the caller's transaction). */
    public void replaceUnits(String organisation, List<DirectoryUnit> units) {
        delete("key.organisation", organisation);
        getEntityManager().flush();
        units.forEach(this::persist);
    }
}
