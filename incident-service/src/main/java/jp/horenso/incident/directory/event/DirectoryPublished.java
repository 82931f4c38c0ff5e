package jp.horenso.incident.directory.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.List;
import jp.horenso.incident.directory.DirectoryUnit;

/**
 * escalation-service published an organisation's directory (read here, written there; the fields this service uses
 * of {@code docs/events/schemas/DirectoryPublished.schema.json}).
 */
public record DirectoryPublished(
        @NotBlank String organisation,
        @NotNull OffsetDateTime publishedAt,
        @NotNull List<@NotNull @Valid Unit> units) {

    public static final String NAME = "DirectoryPublished";

    /** A department or section; {@code parent} is the department of a section. */
    public record Unit(
            @NotBlank String code,
            @NotNull DirectoryUnit.Kind kind,
            String parent,
            @NotNull @Valid Name name) {}

    public record Name(@NotBlank String ja, String en) {}
}
