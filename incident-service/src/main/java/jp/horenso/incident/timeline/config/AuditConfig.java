package jp.horenso.incident.timeline.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Size;

/** How the case trails are sealed (values in application.properties, section Audit trail). */
@ConfigMapping(prefix = "horenso.audit")
public interface AuditConfig {

    /**
     * The HMAC-SHA256 key of the trail seals, at least 32 characters, kept outside the database (production:
     * {@code HORENSO_AUDIT_SEAL_KEY}, the same on every replica). Whoever can rewrite the database but does not hold
     * it cannot write a seal that matches.
     */
    @Size(min = 32)
    String sealKey();

    /** How often the heads are sealed, e.g. {@code 5m}; {@code off} writes no seals (the tests seal by hand). */
    String sealInterval();
}
