package jp.horenso.escalation.hop.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import jp.horenso.escalation.hop.ChainRun;

/** The {@code chain_run} table: one row per case. */
@ApplicationScoped
public class ChainRunRepository implements PanacheRepositoryBase<ChainRun, UUID> {
}
