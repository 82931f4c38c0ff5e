package jp.horenso.escalation.chain.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import jp.horenso.escalation.chain.ChainDefinition;

/** The {@code chain_definition} table. */
@ApplicationScoped
public class ChainDefinitionRepository implements PanacheRepository<ChainDefinition> {

    /** The newest version of the organisation's chain: the one new cases run on. */
    public Optional<ChainDefinition> latest(String organisation) {
        return find("organisation = ?1 order by version desc", organisation).firstResultOptional();
    }

    public Optional<ChainDefinition> findVersion(String organisation, int version) {
        return find("organisation = ?1 and version = ?2", organisation, version).firstResultOptional();
    }

    /** Every version of the organisation's chain, oldest first. */
    public List<ChainDefinition> versions(String organisation) {
        return list("organisation = ?1 order by version", organisation);
    }
}
