-- incident-service's own projection of the chain (horenso.escalation-events) and the indexes the web console's
-- dashboard, inbox and KPIs are answered from (issue 9). Drills are kept and marked; every figure leaves them out.

CREATE TABLE chain_hop (
    hop_id             uuid        PRIMARY KEY,
    incident_id        uuid        NOT NULL REFERENCES incident (id),
    step               text        NOT NULL,
    recipient_username text        NOT NULL,
    recipient_name     text,
    trigger            text,
    deputy_for         text,
    escalated_from     uuid,
    opened_at          timestamptz NOT NULL,
    ack_deadline       timestamptz NOT NULL,
    -- OPEN, ACKNOWLEDGED, TIMED_OUT, CANCELLED
    state              text        NOT NULL,
    acknowledged_at    timestamptz,
    acknowledged_by    text,
    timed_out_at       timestamptz,
    cancelled_at       timestamptz,
    cancel_reason      text,
    -- ChainStopped: the case was closed or withdrawn; a timed-out hop no longer awaits anybody.
    chain_stopped      boolean     NOT NULL DEFAULT false
);

-- GET /api/incidents/{id}/chain
CREATE INDEX chain_hop_incident_idx ON chain_hop (incident_id, opened_at);
-- the dashboard's chain position and open-hop count, and sort=deadline
CREATE INDEX chain_hop_open_idx ON chain_hop (incident_id, ack_deadline) WHERE state = 'OPEN';
CREATE INDEX chain_hop_open_deadline_idx ON chain_hop (ack_deadline, incident_id) WHERE state = 'OPEN';
-- GET /api/me/awaiting and the overdue-hops figure: hops nobody has acknowledged yet, by recipient and by deadline
CREATE INDEX chain_hop_awaiting_idx ON chain_hop (recipient_username, ack_deadline)
    WHERE state IN ('OPEN', 'TIMED_OUT') AND NOT chain_stopped;
CREATE INDEX chain_hop_overdue_idx ON chain_hop (ack_deadline)
    WHERE state IN ('OPEN', 'TIMED_OUT') AND NOT chain_stopped;
-- KPI: time to acknowledge, by the month of the acknowledgement
CREATE INDEX chain_hop_acknowledged_idx ON chain_hop (acknowledged_at) WHERE acknowledged_at IS NOT NULL;

-- Severity as a rank (CRITICAL first), so that sort=severity walks an index.
CREATE FUNCTION severity_rank(severity text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE severity WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END
$$;

-- Dashboard pages: newest first (incident_reported_at_idx of V6), most severe first, drills only.
CREATE INDEX incident_severity_rank_idx ON incident
    (organisation, severity_rank(coalesce(severity_override, computed_severity)) DESC, reported_at DESC);
CREATE INDEX incident_drill_idx ON incident (organisation, reported_at DESC) WHERE drill;
-- KPIs: open cases by severity, time to close by month (real cases only).
CREATE INDEX incident_open_idx ON incident (organisation, (coalesce(severity_override, computed_severity)))
    WHERE state <> 'CLOSED' AND NOT drill;
CREATE INDEX incident_closed_idx ON incident (organisation, closed_at) WHERE closed_at IS NOT NULL AND NOT drill;
-- KPI: time to contain = reported → first containment action done.
CREATE INDEX response_action_contained_idx ON response_action (completed_at, incident_id)
    WHERE kind = 'CONTAINMENT' AND status = 'DONE';

-- Every legal clock still running: one row per report not yet submitted (速報 PROMPT, 確報 FINAL) of a duty neither
-- withdrawn nor finished. Written once for the dashboard's next deadline and the overdue-clocks figure; a persons'
-- notice due time (PERSONS_NOTICE) joins here as a third row once legal_duty stores it.
CREATE VIEW legal_clock AS
    SELECT d.incident_id, d.code, 'PROMPT' AS report, d.prompt_due_at AS due_at
      FROM legal_duty d
     WHERE d.withdrawn_at IS NULL AND d.final_submitted_at IS NULL AND d.prompt_submitted_at IS NULL
    UNION ALL
    SELECT d.incident_id, d.code, 'FINAL' AS report, d.final_due_at AS due_at
      FROM legal_duty d
     WHERE d.withdrawn_at IS NULL AND d.final_submitted_at IS NULL;
CREATE INDEX legal_duty_prompt_open_idx ON legal_duty (prompt_due_at)
    WHERE prompt_submitted_at IS NULL AND final_submitted_at IS NULL AND withdrawn_at IS NULL;

-- The hops consumed before this projection existed, rebuilt from the timeline (which recorded every HopOpened,
-- HopTimedOut and HopAcknowledged); hops of closed cases no longer await anybody.
INSERT INTO chain_hop (hop_id, incident_id, step, recipient_username, escalated_from, opened_at, ack_deadline, state)
SELECT DISTINCT ON (t.details ->> 'hopId')
       CAST(t.details ->> 'hopId' AS uuid), t.incident_id, t.details ->> 'step', t.details ->> 'recipient',
       CAST(t.details ->> 'escalatedFrom' AS uuid), t.at, CAST(t.details ->> 'ackDeadline' AS timestamptz), 'OPEN'
  FROM timeline_entry t
 WHERE t.type = 'HOP_OPENED'
 ORDER BY t.details ->> 'hopId', t.seq;
UPDATE chain_hop h SET state = 'TIMED_OUT', timed_out_at = t.at
  FROM timeline_entry t
 WHERE t.type = 'HOP_TIMED_OUT' AND CAST(t.details ->> 'hopId' AS uuid) = h.hop_id;
UPDATE chain_hop h SET state = 'ACKNOWLEDGED', acknowledged_at = t.at, acknowledged_by = t.details ->> 'acknowledgedBy'
  FROM timeline_entry t
 WHERE t.type = 'HOP_ACKNOWLEDGED' AND CAST(t.details ->> 'hopId' AS uuid) = h.hop_id;
UPDATE chain_hop h SET chain_stopped = true,
       state = CASE WHEN h.state = 'OPEN' THEN 'CANCELLED' ELSE h.state END,
       cancel_reason = CASE WHEN h.state = 'OPEN' THEN 'CLOSED' END,
       cancelled_at = CASE WHEN h.state = 'OPEN' THEN i.closed_at END
  FROM incident i
 WHERE i.id = h.incident_id AND i.state = 'CLOSED';
