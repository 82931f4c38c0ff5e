package jp.horenso.incident.dashboard.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.incident.cases.service.CaseCriteria;
import jp.horenso.platform.security.Caller;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's page and the inbox are answered from indexes: on 100,000 generated cases of one organisation (with
 * 200,000 hops, legal duties and response actions) their plans read no big table from end to end.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlanTest {

    private static final Logger LOG = Logger.getLogger(QueryPlanTest.class);
    private static final Set<String> BIG_TABLES = Set.of("incident", "chain_hop", "legal_duty", "response_action");
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):(\\w+)");

    @Inject
    AgroalDataSource db;

    private final String organisation = "plan-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void oneHundredThousandCases() throws SQLException {
        long started = System.nanoTime();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            String org = "'" + organisation + "'";
            s.execute("""
                    INSERT INTO incident (id, number, organisation, title, description, reporter_type, reported_by, unit,
                                          department, occurred_at, discovered_at, reported_at, drill, state,
                                          computed_severity, search_text, closed_at)
                    SELECT gen_random_uuid(), %1$s || '-' || n, %1$s, '事案 ' || n, '説明', 'STAFF', 'staff' || (n %% 1000),
                           'unit-' || (n %% 50), 'dept-' || (n %% 10), now() - n * interval '5 minutes' - interval '2 hours',
                           now() - n * interval '5 minutes' - interval '1 hour', now() - n * interval '5 minutes',
                           n %% 100 = 0, CASE WHEN n %% 20 = 0 THEN 'REPORTED' ELSE 'CLOSED' END,
                           (ARRAY['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])[1 + n %% 4], '事案 ' || n,
                           CASE WHEN n %% 20 = 0 THEN NULL ELSE now() - n * interval '5 minutes' + interval '3 days' END
                      FROM generate_series(1, 100000) n""".formatted(org));
            for (String step : new String[] {"SECTION_CHIEF", "DEPARTMENT_HEAD"}) {
                s.execute("""
                        INSERT INTO chain_hop (hop_id, incident_id, step, recipient_username, opened_at, ack_deadline,
                                               state, acknowledged_at, acknowledged_by, chain_stopped)
                        SELECT gen_random_uuid(), i.id, '%2$s', '%2$s-' || i.unit, i.reported_at,
                               i.reported_at + interval '1 hour',
                               CASE WHEN i.state = 'REPORTED' THEN 'OPEN' ELSE 'ACKNOWLEDGED' END,
                               CASE WHEN i.state = 'REPORTED' THEN NULL ELSE i.reported_at + interval '10 minutes' END,
                               CASE WHEN i.state = 'REPORTED' THEN NULL ELSE '%2$s-' || i.unit END,
                               i.state = 'CLOSED'
                          FROM incident i WHERE i.organisation = %1$s""".formatted(org, step));
            }
            s.execute("""
                    INSERT INTO legal_duty (incident_id, code, rule_set_version, source, reasons, identified_at,
                                            prompt_due_at, final_due_at, final_submitted_at)
                    SELECT i.id, 'PPC_APPI', 'plan', 'RULES', '[]', i.reported_at, i.reported_at + interval '3 days',
                           i.reported_at + interval '30 days', i.closed_at
                      FROM incident i WHERE i.organisation = %s AND right(i.number, 1) = '0'""".formatted(org));
            s.execute("""
                    INSERT INTO response_action (id, incident_id, kind, description, owner_unit, status, created_by,
                                                 created_at, updated_by, updated_at, completed_at)
                    SELECT gen_random_uuid(), i.id, 'CONTAINMENT', '遮断', 'information-policy', 'DONE', 'csirt1',
                           i.reported_at, 'csirt1', i.reported_at, i.reported_at + interval '2 hours'
                      FROM incident i WHERE i.organisation = %s AND right(i.number, 1) IN ('1', '3', '5', '7', '9')""".formatted(org));
            s.execute("ANALYZE incident, chain_hop, legal_duty, response_action");
        }
        LOG.infof("generated 100,000 cases in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void theCsirtsDashboardPageIsReadFromIndexes() throws SQLException {
        Caller csirt = new Caller("csirt-plan", organisation, "general-affairs", "information-policy", Set.of("csirt"));
        CaseCriteria.Where where = DashboardService.defaultPage(csirt);
        assertIndexed(
                "newest first",
                DashboardService.pageSql("incident i", where.condition(), DashboardService.NEWEST_FIRST),
                where.params());
        assertIndexed(
                "most severe first",
                DashboardService.pageSql("incident i", where.condition(), DashboardService.MOST_SEVERE_FIRST),
                where.params());
        assertIndexed(
                "soonest deadline first",
                DashboardService.pageSql(
                        DashboardService.WITH_OPEN_HOP,
                        DashboardService.SOONEST_OPEN_HOP + " AND " + where.condition(),
                        DashboardService.SOONEST_DEADLINE_FIRST),
                where.params());
        assertIndexed(
                "then the cases without an open hop",
                DashboardService.pageSql(
                        "incident i",
                        where.condition() + " AND " + DashboardService.NO_OPEN_HOP,
                        DashboardService.NEWEST_FIRST),
                where.params());
    }

    @Test
    void aNarrowerScopeIsReadFromIndexesToo() throws SQLException {
        // The narrowest scope the case list knows: a person's own reports.
        Caller reporter = new Caller("staff7", organisation, null, null, Set.of("staff"));
        CaseCriteria.Where where = DashboardService.defaultPage(reporter);
        assertTrue(where.condition().contains("reported_by"), where.condition());
        assertIndexed(
                "own reports",
                DashboardService.pageSql("incident i", where.condition(), DashboardService.NEWEST_FIRST),
                where.params());
    }

    @Test
    void whatAwaitsMeIsReadFromIndexes() throws SQLException {
        assertIndexed(
                "awaiting", AwaitingService.sql(), Map.of("me", "SECTION_CHIEF-unit-7", "organisation", organisation));
    }

    private void assertIndexed(String name, String sql, Map<String, Object> params) throws SQLException {
        Map<String, Object> all = new HashMap<>(params);
        all.putIfAbsent("limit", 20);
        all.putIfAbsent("offset", 0);
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN " + literal(sql, all))) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        LOG.infof("plan of %s:%n%s", name, plan);
        for (String table : BIG_TABLES) {
            assertFalse(
                    plan.toString().matches("(?s).*Seq Scan on " + table + "\\b.*"),
                    name + ": sequential scan on " + table + "\n" + plan);
        }
        assertTrue(plan.toString().contains("Index"), name + "\n" + plan);
    }

    /** The statement with its named parameters written as literals, so that EXPLAIN sees what a request runs. */
    private static String literal(String sql, Map<String, Object> params) {
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = params.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for :" + m.group(1));
            }
            String text = value instanceof String str ? "'" + str.replace("'", "''") + "'" : value.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }
}
