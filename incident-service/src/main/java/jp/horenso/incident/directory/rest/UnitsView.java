package jp.horenso.incident.directory.rest;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The caller organisation's units.
 *
 * @param publishedAt when escalation-service published the directory held; null while none arrived (then only the
 *     caller's own unit can be named)
 */
public record UnitsView(String organisation, OffsetDateTime publishedAt, List<UnitView> units) {}
