package jp.horenso.incident.evidence.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import jp.horenso.incident.evidence.EvidenceContent;

/** Stores the bytes of evidence. */
@ApplicationScoped
public class EvidenceContentRepository implements PanacheRepositoryBase<EvidenceContent, UUID> {}
