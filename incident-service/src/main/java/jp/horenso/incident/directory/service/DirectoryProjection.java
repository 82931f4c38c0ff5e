package jp.horenso.incident.directory.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.horenso.incident.common.events.CloudEvent;
import jp.horenso.incident.common.events.CloudEvent.MalformedEventException;
import jp.horenso.incident.common.inbox.ProcessedEvents;
import jp.horenso.incident.directory.Directory;
import jp.horenso.incident.directory.DirectoryUnit;
import jp.horenso.incident.directory.repository.DirectoryRepository;
import org.jboss.logging.Logger;

/**
 * Keeps the directory projection from {@code DirectoryPublished}: each event replaces the organisation's units, at
 * most once per event id; an event older than the directory held is ignored.
 */
@ApplicationScoped
@Transactional
public class DirectoryProjection {

    /** The processed-event consumer name: this projection records its events apart from the timeline's. */
    public static final String CONSUMER_SUFFIX = ":directory";

    private static final Logger LOG = Logger.getLogger(DirectoryProjection.class);

    private final DirectoryRepository directories;
    private final ProcessedEvents processed;

    public DirectoryProjection(DirectoryRepository directories, ProcessedEvents processed) {
        this.directories = directories;
        this.processed = processed;
    }

    /**
     * Applies one {@code DirectoryPublished} event.
     *
     * @throws MalformedEventException if the event is unusable (the record then goes to the dead-letter topic)
     */
    public void apply(CloudEvent event, String channel) {
        JsonNode d = event.data();
        String organisation = text(d, "organisation");
        OffsetDateTime publishedAt;
        try {
            publishedAt = OffsetDateTime.parse(text(d, "publishedAt"));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("bad publishedAt");
        }
        List<DirectoryUnit> units = units(organisation, d.path("units"));
        if (!processed.firstDelivery(event.id(), channel + CONSUMER_SUFFIX)) {
            return;
        }
        Directory held = directories.directory(organisation).orElse(null);
        if (held != null && held.publishedAt().isAfter(publishedAt)) {
            LOG.infof("ignored directory of %s published %s: %s is newer", organisation, publishedAt,
                    held.publishedAt());
            return;
        }
        boolean first = held == null;
        if (first) {
            held = Directory.of(organisation);
        }
        held.replacedBy(publishedAt, event.id(), OffsetDateTime.now(ZoneOffset.UTC));
        if (first) {
            directories.getEntityManager().persist(held);
        }
        directories.getEntityManager().flush();
        directories.replaceUnits(organisation, units);
    }

    private static List<DirectoryUnit> units(String organisation, JsonNode array) {
        if (!array.isArray()) {
            throw new MalformedEventException("missing data field units");
        }
        List<DirectoryUnit> units = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (JsonNode u : array) {
            String code = text(u, "code");
            if (!codes.add(code)) {
                throw new MalformedEventException("unit " + code + " listed twice");
            }
            DirectoryUnit.Kind kind;
            try {
                kind = DirectoryUnit.Kind.valueOf(text(u, "kind"));
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException("bad unit kind");
            }
            String parent = u.hasNonNull("parent") && !u.get("parent").asText().isBlank() ? u.get("parent").asText()
                    : null;
            units.add(new DirectoryUnit(new DirectoryUnit.Key(organisation, code), kind, parent,
                    text(u.path("name"), "ja"),
                    u.path("name").hasNonNull("en") ? u.path("name").get("en").asText() : null));
        }
        return units;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new MalformedEventException("missing data field " + field);
        }
        return value.asText();
    }
}
