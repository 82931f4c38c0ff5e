package jp.horenso.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aStreamIsReadForTheTimeGivenAndThenLetGo() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stream", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: {\"incidentId\":\"abc\"}\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(30_000);
            } catch (InterruptedException | IOException e) {
                // the reader let go
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        try {
            HttpResponse<InputStream> response = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + server.getAddress().getPort() + "/stream"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            long started = System.nanoTime();
            String read = CrossOrganisationMatrixTest.readFor(response.body(), Duration.ofSeconds(1));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(read.contains("\"incidentId\":\"abc\""), read);
            assertTrue(took >= 900 && took < 5_000, "read for about a second: " + took + " ms");
        } finally {
            server.stop(0);
        }
    }

    private static Row row(String key) {
        return ROWS.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError(key));
    }
}
