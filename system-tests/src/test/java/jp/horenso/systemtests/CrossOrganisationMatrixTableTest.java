package jp.horenso.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.horenso.systemtests.CrossOrganisationMatrixTest.Org;
import jp.horenso.systemtests.CrossOrganisationMatrixTest.OrgData;
import jp.horenso.systemtests.CrossOrganisationMatrixTest.Row;
import org.junit.jupiter.api.Test;

/**
 * {@link CrossOrganisationMatrixTest}'s table, checked without the running system (seconds, not minutes): every row is
 * well formed, every route of the web console's sources has a row, every path parameter has a value from the other
 * organisation, and the marker search finds a marker only as a whole word.
 */
class CrossOrganisationMatrixTableTest {

    private static final List<Row> ROWS = CrossOrganisationMatrixTest.parse(CrossOrganisationMatrixTest.MATRIX);

    @Test
    void everyRowNamesAServiceAMethodAPathAndAStatusPerColumn() {
        Set<String> keys = new TreeSet<>();
        for (Row row : ROWS) {
            assertTrue(Set.of("incident", "escalation", "notification", "web").contains(row.service()), row.key());
            assertTrue(Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(row.method()), row.key());
            assertTrue(row.path().startsWith("/"), row.key());
            assertEquals(
                    CrossOrganisationMatrixTest.COLUMNS, List.copyOf(row.cells().keySet()), row.key());
            assertTrue(keys.add(row.key()), "once: " + row.key());
            row.cells().forEach((column, cell) -> {
                assertTrue(cell.status() >= 200 && cell.status() < 500, row.key() + " " + column);
                assertTrue(
                        !cell.mayShow() || column.equals("admin"), "only the installation admin may see: " + row.key());
            });
            // Without a token, nothing but the public pages and links answers anything but 401 (services) or a
            // redirect to the login (console).
            int anonymous = row.cells().get("anon").status();
            if (row.service().equals("web")) {
                assertTrue(Set.of(200, 302, 303).contains(anonymous), row.key());
            } else {
                assertTrue(Set.of(401, 200, 403, 404).contains(anonymous), row.key());
            }
        }
    }

    @Test
    void everyRouteOfTheWebConsoleHasARow() {
        Set<String> routes = CrossOrganisationMatrixTest.consoleRoutes(
                RunningSystem.locateRepoRoot().resolve("web/src/main/java"));
        Set<String> rows = ROWS.stream()
                .filter(r -> r.service().equals("web"))
                .map(Row::key)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(rows);
        Set<String> stale = new TreeSet<>(rows);
        stale.removeAll(routes);
        assertTrue(
                missing.isEmpty() && stale.isEmpty(),
                "console routes without a row: " + missing + "; rows without a route: " + stale);
    }

    @Test
    void everyPathParameterTakesTheOtherOrganisationsValue() {
        OrgData data = new OrgData(Org.GIKAI);
        data.staffCase = "11111111-1111-1111-1111-111111111111";
        data.actionId = "22222222-2222-2222-2222-222222222222";
        data.evidenceId = "33333333-3333-3333-3333-333333333333";
        data.communicationId = "44444444-4444-4444-4444-444444444444";
        data.absenceId = "55";
        data.inboxItemId = "66";
        Pattern parameter = Pattern.compile("\\{(\\w+)}");
        for (Row row : ROWS) {
            Matcher m = parameter.matcher(row.path());
            while (m.find()) {
                String value = CrossOrganisationMatrixTest.pathValue(row, m.group(1), data);
                assertFalse(value == null || value.isBlank(), row.key() + " {" + m.group(1) + "}");
            }
            if (!row.method().equals("GET")) {
                // Writes the console receives are forms; the services' writes get a valid body or need none.
                CrossOrganisationMatrixTest.bodyOf(row, data);
            }
        }
        assertEquals(
                "55",
                CrossOrganisationMatrixTest.pathValue(
                        row("escalation DELETE /api/directory/absences/{id}"), "id", data));
        assertEquals(
                "66", CrossOrganisationMatrixTest.pathValue(row("notification POST /api/inbox/{id}/read"), "id", data));
        assertEquals(
                "gikai-chair",
                CrossOrganisationMatrixTest.pathValue(
                        row("notification GET /api/recipients/{username}/delivery"), "username", data));
    }

    @Test
    void markersAreFoundOnlyAsWholeWords() {
        assertTrue(CrossOrganisationMatrixTest.occurs("{\"actor\":\"staff1\"}", "staff1"));
        assertFalse(CrossOrganisationMatrixTest.occurs("{\"actor\":\"gikai-staff1\"}", "staff1"));
        assertFalse(CrossOrganisationMatrixTest.occurs("welfare-section", "welfare"));
        assertTrue(CrossOrganisationMatrixTest.occurs("to ciso@demo-city.example.jp", "demo-city.example.jp"));
        assertFalse(CrossOrganisationMatrixTest.occurs("DEMO-2026-0000012", "DEMO-2026-000001"));
    }

    private static Row row(String key) {
        return ROWS.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError(key));
    }
}
