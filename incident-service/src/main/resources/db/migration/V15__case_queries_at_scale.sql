-- Issue 13: the case list, search, counts, statistics, dashboard and KPIs of one organisation stay fast in an
-- installation holding 1,000,000 cases of many organisations (incident-service/bench/run-million-bench.sh,
-- docs/benchmarks.md). Organisation leads every index: no query ever crosses it.

-- 1. Counts, statistics and filtered totals read the index only, never the cases' rows: the columns the filters, the
--    scopes (own reports, section, department) and the statistics use, inside each organisation.
CREATE INDEX incident_facets_idx ON incident (organisation, state, kind)
    INCLUDE (computed_severity, severity_override, drill, unit, department, reported_by, reported_at);

-- 2. Japanese search (q=, a substring of the NFKC-normalised text): trigrams, which pg_trgm builds from any
--    characters the database's locale counts as letters (Japanese ones under C.UTF-8 and ja_JP.UTF-8). Under a locale
--    that does not, the index gives no trigrams and PostgreSQL reads the organisation's cases as before: the answer
--    is the same, only slower. btree_gin puts the organisation into the same index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX incident_search_idx ON incident USING gin (organisation, search_text gin_trgm_ops);

-- 3. The KPIs (time to acknowledge, to contain) count hops and actions of one organisation's real cases: each hop and
--    action carries its case's organisation and drill mark, copied from the case when it is written and again when
--    the case's drill mark is corrected (the application does not write these columns).
ALTER TABLE chain_hop ADD COLUMN organisation text, ADD COLUMN drill boolean;
ALTER TABLE response_action ADD COLUMN organisation text, ADD COLUMN drill boolean;

CREATE FUNCTION copy_case_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT i.organisation, i.drill INTO NEW.organisation, NEW.drill FROM incident i WHERE i.id = NEW.incident_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER chain_hop_case_scope BEFORE INSERT OR UPDATE OF incident_id ON chain_hop
    FOR EACH ROW EXECUTE FUNCTION copy_case_scope();
CREATE TRIGGER response_action_case_scope BEFORE INSERT OR UPDATE OF incident_id ON response_action
    FOR EACH ROW EXECUTE FUNCTION copy_case_scope();

CREATE FUNCTION case_drill_copied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chain_hop SET drill = NEW.drill WHERE incident_id = NEW.id;
    UPDATE response_action SET drill = NEW.drill WHERE incident_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER incident_drill_copied AFTER UPDATE OF drill ON incident
    FOR EACH ROW WHEN (OLD.drill IS DISTINCT FROM NEW.drill) EXECUTE FUNCTION case_drill_copied();

UPDATE chain_hop h SET organisation = i.organisation, drill = i.drill FROM incident i WHERE i.id = h.incident_id;
UPDATE response_action r SET organisation = i.organisation, drill = i.drill FROM incident i
 WHERE i.id = r.incident_id;

-- time to acknowledge by month and step; time to contain by month (the first containment done of each case)
CREATE INDEX chain_hop_acknowledged_scope_idx ON chain_hop (organisation, acknowledged_at)
    INCLUDE (opened_at, step) WHERE acknowledged_at IS NOT NULL AND NOT drill;
CREATE INDEX response_action_contained_scope_idx ON response_action (organisation, completed_at)
    INCLUDE (incident_id, id) WHERE kind = 'CONTAINMENT' AND status = 'DONE' AND NOT drill;
-- time to close by month: the report time comes with the index
DROP INDEX incident_closed_idx;
CREATE INDEX incident_closed_idx ON incident (organisation, closed_at) INCLUDE (reported_at)
    WHERE closed_at IS NOT NULL AND NOT drill;
