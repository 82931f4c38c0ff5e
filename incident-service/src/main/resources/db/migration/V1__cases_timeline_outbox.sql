-- Cases (事案), their append-only timeline, acknowledgements, and the event plumbing.

CREATE SEQUENCE incident_number_seq START 1;

CREATE TABLE incident (
    id                  uuid PRIMARY KEY,
    number              text        NOT NULL UNIQUE,
    organisation        text        NOT NULL,
    title               text        NOT NULL,
    description         text        NOT NULL,
    reporter_type       text        NOT NULL,
    reported_by         text        NOT NULL,
    unit                text        NOT NULL,
    department          text,
    occurred_at         timestamptz NOT NULL,
    discovered_at       timestamptz NOT NULL,
    reported_at         timestamptz NOT NULL,
    drill               boolean     NOT NULL DEFAULT false,
    state               text        NOT NULL,
    version             bigint      NOT NULL DEFAULT 0,
    CONSTRAINT discovered_not_before_occurred CHECK (discovered_at >= occurred_at)
);
CREATE INDEX incident_unit_idx ON incident (unit);
CREATE INDEX incident_department_idx ON incident (department);
CREATE INDEX incident_reported_by_idx ON incident (reported_by);

-- Everything that happened to a case, in order. Never updated, never deleted.
CREATE TABLE timeline_entry (
    id              bigserial   PRIMARY KEY,
    incident_id     uuid        NOT NULL REFERENCES incident (id),
    type            text        NOT NULL,
    at              timestamptz NOT NULL,
    actor           text        NOT NULL,
    details         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    source_event_id uuid,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX timeline_entry_incident_idx ON timeline_entry (incident_id, id);

CREATE TABLE acknowledgement (
    id              uuid        PRIMARY KEY,
    incident_id     uuid        NOT NULL REFERENCES incident (id),
    acknowledged_by text        NOT NULL,
    acknowledged_at timestamptz NOT NULL,
    via             text        NOT NULL,
    comment         text
);
CREATE INDEX acknowledgement_incident_idx ON acknowledgement (incident_id);

-- Transactional outbox: written in the same transaction as the change, relayed to Kafka after commit.
CREATE TABLE outbox_event (
    seq          bigserial   PRIMARY KEY,
    id           uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    type         text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_event_unpublished_idx ON outbox_event (seq) WHERE published_at IS NULL;

-- Idempotent consumers: the event id is inserted first; the key rejects a duplicate.
CREATE TABLE processed_event (
    event_id     uuid        NOT NULL,
    consumer     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, consumer)
);
