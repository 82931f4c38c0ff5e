-- Response actions (第44条3–4項): containment 応急措置, recovery 復旧, recurrence prevention 再発防止策, and the
-- notices and reports made to people and bodies outside the city. Plus the case's review and closing marks.

CREATE TABLE response_action (
    id            uuid        PRIMARY KEY,
    incident_id   uuid        NOT NULL REFERENCES incident (id),
    kind          text        NOT NULL,
    description   text        NOT NULL,
    owner_unit    text,
    owner_person  text,
    due_date      date,
    status        text        NOT NULL,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_by    text        NOT NULL,
    updated_at    timestamptz NOT NULL,
    started_at    timestamptz,
    completed_at  timestamptz,
    cancelled_at  timestamptz,
    version       bigint      NOT NULL DEFAULT 0
);
CREATE INDEX response_action_incident_idx ON response_action (incident_id, kind);

ALTER TABLE incident
    ADD COLUMN committee_reported_at timestamptz,
    ADD COLUMN severe_judged_by_ciso boolean NOT NULL DEFAULT false,
    ADD COLUMN closed_at             timestamptz;
