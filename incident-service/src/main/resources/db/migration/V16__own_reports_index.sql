-- Issue 13: a person's own reports (the staff's whole scope, part of a section chief's and department head's) inside
-- the organisation, newest first: the page and its count read this index only.
CREATE INDEX incident_own_reports_idx ON incident (organisation, reported_by, reported_at DESC);

-- KPIs: "the first containment done of this case?" answered from the index alone
CREATE INDEX response_action_contained_case_idx ON response_action (incident_id, completed_at, id)
    WHERE kind = 'CONTAINMENT' AND status = 'DONE';
-- KPIs: overdue hops of one organisation's real cases
CREATE INDEX chain_hop_overdue_scope_idx ON chain_hop (organisation, ack_deadline) INCLUDE (incident_id)
    WHERE state IN ('OPEN', 'TIMED_OUT') AND NOT chain_stopped AND NOT drill;
