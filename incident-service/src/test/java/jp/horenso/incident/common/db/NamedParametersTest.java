package jp.horenso.incident.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Named parameters as the replica's JDBC statements take them (the same statements Hibernate ran before). */
class NamedParametersTest {

    @Test
    void namesBecomePlaceholdersInOrder_listsExpand_castsAndQuotedTextStay() {
        NamedParameters p = NamedParameters.of(
                "SELECT to_char(i.reported_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM:DD'), i.id::text FROM incident i "
                        + "WHERE i.organisation = :organisation AND i.state IN (:states) AND i.title LIKE :text0 "
                        + "ESCAPE '\\' AND i.note <> 'it''s :not' AND i.reported_by = :me AND :me <> \"x:y\"",
                Map.of(
                        "organisation",
                        "demo-city",
                        "states",
                        List.of("REPORTED", "CLOSED"),
                        "text0",
                        "%a%",
                        "me",
                        "u"));
        assertEquals(
                "SELECT to_char(i.reported_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM:DD'), i.id::text FROM incident i "
                        + "WHERE i.organisation = ? AND i.state IN (?, ?) AND i.title LIKE ? "
                        + "ESCAPE '\\' AND i.note <> 'it''s :not' AND i.reported_by = ? AND ? <> \"x:y\"",
                p.sql());
        assertEquals(Arrays.asList("demo-city", "REPORTED", "CLOSED", "%a%", "u", "u"), p.values());
    }

    @Test
    void aMissingValueOrAnEmptyListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NamedParameters.of("SELECT :a", Map.of()));
        assertThrows(
                IllegalArgumentException.class, () -> NamedParameters.of("SELECT 1 IN (:a)", Map.of("a", List.of())));
    }
}
