-- Issue 13: statistics over a whole organisation and the KPIs answer in milliseconds at 1,000,000 cases, with the
-- same answers as a count over the cases (docs/benchmarks.md, incident-service/bench/run-million-bench.sh).

-- 1. Statistics: how many real (non-drill) cases each organisation has, by unit, department, severity in force,
--    state and kind. Kept by a trigger on the cases themselves, in the transaction that changes them. The trigger only
--    ADDS rows to incident_tally_change (+1 for the case as it is now, -1 for the case as it was), so two reports
--    filed at once never wait for each other on a shared counter; IncidentTally folds the changes into
--    incident_tally every few seconds, in one statement, and a reader sums both tables in one statement (one
--    snapshot), so it sees every committed change exactly once.
CREATE TABLE incident_tally (
    organisation text   NOT NULL,
    unit         text   NOT NULL,
    department   text   NOT NULL, -- '' when the case names none
    severity     text   NOT NULL,
    state        text   NOT NULL,
    kind         text   NOT NULL,
    cases        bigint NOT NULL,
    PRIMARY KEY (organisation, unit, department, severity, state, kind)
);

CREATE TABLE incident_tally_change (
    id           bigserial PRIMARY KEY,
    organisation text      NOT NULL,
    unit         text      NOT NULL,
    department   text      NOT NULL,
    severity     text      NOT NULL,
    state        text      NOT NULL,
    kind         text      NOT NULL,
    cases        integer   NOT NULL
);
CREATE INDEX incident_tally_change_organisation_idx ON incident_tally_change (organisation);

CREATE FUNCTION incident_tallied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.drill THEN
        INSERT INTO incident_tally_change (organisation, unit, department, severity, state, kind, cases)
        VALUES (OLD.organisation, OLD.unit, coalesce(OLD.department, ''),
                coalesce(OLD.severity_override, OLD.computed_severity), OLD.state, OLD.kind, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NOT NEW.drill THEN
        INSERT INTO incident_tally_change (organisation, unit, department, severity, state, kind, cases)
        VALUES (NEW.organisation, NEW.unit, coalesce(NEW.department, ''),
                coalesce(NEW.severity_override, NEW.computed_severity), NEW.state, NEW.kind, 1);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER incident_tally_filed AFTER INSERT OR DELETE ON incident
    FOR EACH ROW EXECUTE FUNCTION incident_tallied();
CREATE TRIGGER incident_tally_changed AFTER UPDATE ON incident
    FOR EACH ROW WHEN ((OLD.organisation, OLD.unit, OLD.department, OLD.severity_override, OLD.computed_severity,
                        OLD.state, OLD.kind, OLD.drill)
                       IS DISTINCT FROM
                       (NEW.organisation, NEW.unit, NEW.department, NEW.severity_override, NEW.computed_severity,
                        NEW.state, NEW.kind, NEW.drill))
    EXECUTE FUNCTION incident_tallied();

INSERT INTO incident_tally (organisation, unit, department, severity, state, kind, cases)
SELECT organisation, unit, coalesce(department, ''), coalesce(severity_override, computed_severity), state, kind,
       count(*)
  FROM incident WHERE NOT drill
 GROUP BY 1, 2, 3, 4, 5, 6;

-- 2. KPIs: the figures of a month that is over (settled: ended at least an hour ago, so no transaction that began in
--    it is still running) are kept per organisation once computed (kpi_month, kpi_month_figure) and used while the
--    month's version (kpi_month_version) is the one they were computed at. Whatever changes a settled month's figures
--    — a hop acknowledged or corrected, a containment recorded late, a case closed, its drill mark corrected —
--    raises that month's version in the same transaction, so the kept figures are never used again. Current months
--    are never kept: the hot path (hops acknowledged, containments and closings happening now) only reads the
--    settled-month test, it never writes a shared row.
CREATE TABLE kpi_month_version (
    organisation text   NOT NULL,
    month        text   NOT NULL, -- YYYY-MM in Japan time
    version      bigint NOT NULL,
    PRIMARY KEY (organisation, month)
);
CREATE TABLE kpi_month (
    organisation text   NOT NULL,
    month        text   NOT NULL,
    version      bigint NOT NULL, -- the kpi_month_version (0 when none) the figures were computed at
    PRIMARY KEY (organisation, month)
);
CREATE TABLE kpi_month_figure (
    organisation text             NOT NULL,
    month        text             NOT NULL,
    measure      text             NOT NULL, -- ACK:<step>, CONTAIN, CLOSE
    median       double precision,
    p90          double precision,
    n            bigint           NOT NULL,
    PRIMARY KEY (organisation, month, measure)
);

CREATE FUNCTION kpi_month_touched(org text, at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF org IS NOT NULL AND at IS NOT NULL
       AND date_trunc('month', at AT TIME ZONE 'Asia/Tokyo') + interval '1 month 1 hour'
           <= now() AT TIME ZONE 'Asia/Tokyo' THEN
        INSERT INTO kpi_month_version (organisation, month, version)
        VALUES (org, to_char(at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM'), 1)
        ON CONFLICT (organisation, month) DO UPDATE SET version = kpi_month_version.version + 1;
    END IF;
END;
$$;

-- time to acknowledge counts in the month of the acknowledgement
CREATE FUNCTION chain_hop_kpi_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM kpi_month_touched(OLD.organisation, OLD.acknowledged_at);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM kpi_month_touched(NEW.organisation, NEW.acknowledged_at);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER chain_hop_kpi_added AFTER INSERT OR DELETE ON chain_hop
    FOR EACH ROW EXECUTE FUNCTION chain_hop_kpi_touched();
CREATE TRIGGER chain_hop_kpi_changed AFTER UPDATE ON chain_hop
    FOR EACH ROW WHEN ((OLD.organisation, OLD.drill, OLD.step, OLD.opened_at, OLD.acknowledged_at)
                       IS DISTINCT FROM (NEW.organisation, NEW.drill, NEW.step, NEW.opened_at, NEW.acknowledged_at))
    EXECUTE FUNCTION chain_hop_kpi_touched();

-- time to contain counts the first containment done of a case, in its month: a change to any of a case's
-- containments may move which one is first, so every month one of them is in is touched
CREATE FUNCTION response_action_kpi_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM kpi_month_touched(OLD.organisation, OLD.completed_at);
        PERFORM kpi_month_touched(r.organisation, r.completed_at) FROM response_action r
         WHERE r.incident_id = OLD.incident_id AND r.kind = 'CONTAINMENT' AND r.status = 'DONE';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM kpi_month_touched(NEW.organisation, NEW.completed_at);
        PERFORM kpi_month_touched(r.organisation, r.completed_at) FROM response_action r
         WHERE r.incident_id = NEW.incident_id AND r.kind = 'CONTAINMENT' AND r.status = 'DONE';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER response_action_kpi_added AFTER INSERT ON response_action
    FOR EACH ROW WHEN (NEW.completed_at IS NOT NULL) EXECUTE FUNCTION response_action_kpi_touched();
CREATE TRIGGER response_action_kpi_removed AFTER DELETE ON response_action
    FOR EACH ROW WHEN (OLD.completed_at IS NOT NULL) EXECUTE FUNCTION response_action_kpi_touched();
CREATE TRIGGER response_action_kpi_changed AFTER UPDATE ON response_action
    FOR EACH ROW WHEN ((OLD.organisation, OLD.drill, OLD.incident_id, OLD.kind, OLD.status, OLD.completed_at)
                       IS DISTINCT FROM
                       (NEW.organisation, NEW.drill, NEW.incident_id, NEW.kind, NEW.status, NEW.completed_at))
    EXECUTE FUNCTION response_action_kpi_touched();

-- time to close counts in the month of closing; time to contain is measured from the report
CREATE FUNCTION incident_kpi_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM kpi_month_touched(OLD.organisation, OLD.closed_at);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        PERFORM kpi_month_touched(NEW.organisation, NEW.closed_at);
        IF OLD.reported_at IS DISTINCT FROM NEW.reported_at OR OLD.drill IS DISTINCT FROM NEW.drill THEN
            PERFORM kpi_month_touched(r.organisation, r.completed_at) FROM response_action r
             WHERE r.incident_id = NEW.id AND r.kind = 'CONTAINMENT' AND r.status = 'DONE';
            PERFORM kpi_month_touched(h.organisation, h.acknowledged_at) FROM chain_hop h
             WHERE h.incident_id = NEW.id AND h.acknowledged_at IS NOT NULL;
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER incident_kpi_removed AFTER DELETE ON incident
    FOR EACH ROW WHEN (OLD.closed_at IS NOT NULL) EXECUTE FUNCTION incident_kpi_touched();
CREATE TRIGGER incident_kpi_changed AFTER UPDATE ON incident
    FOR EACH ROW WHEN ((OLD.organisation, OLD.drill, OLD.reported_at, OLD.closed_at)
                       IS DISTINCT FROM (NEW.organisation, NEW.drill, NEW.reported_at, NEW.closed_at))
    EXECUTE FUNCTION incident_kpi_touched();
