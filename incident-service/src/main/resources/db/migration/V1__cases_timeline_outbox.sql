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

-- Everything that happened to a case, in order: the case's audit trail (第117–119条).
-- Hash-chained per case (hash = SHA-256 over the previous hash and this entry's content), so a row changed
-- behind the application's back is detected; and never updated or deleted (the trigger below refuses it).
CREATE TABLE timeline_entry (
    id              bigserial   PRIMARY KEY,
    incident_id     uuid        NOT NULL REFERENCES incident (id),
    seq             integer     NOT NULL,
    type            text        NOT NULL,
    at              timestamptz NOT NULL,
    actor           text        NOT NULL,
    details         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    source_event_id uuid,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    prev_hash       text        NOT NULL,
    hash            text        NOT NULL,
    CONSTRAINT timeline_entry_seq_unique UNIQUE (incident_id, seq)
);

CREATE FUNCTION timeline_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'timeline_entry is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER timeline_entry_append_only BEFORE UPDATE OR DELETE ON timeline_entry
    FOR EACH ROW EXECUTE FUNCTION timeline_entry_is_append_only();

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
