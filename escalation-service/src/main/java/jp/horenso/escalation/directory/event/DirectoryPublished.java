package jp.horenso.escalation.directory.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The organisation's departments and sections as they now stand (key = organisation code). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DirectoryPublished(String organisation, Name name, Instant publishedAt, List<PublishedUnit> units) {

    public static final String NAME = "DirectoryPublished";

    /** A department or section of a published directory. */
    public record PublishedUnit(String code, String kind, String parent, Name name) {}

    /** A name in Japanese and English (null when none). */
    public record Name(String ja, String en) {}
}
