-- notification-service schema: the notifications it was asked to send, every delivery attempt, and the
-- idempotency / outbox tables every Horenso service has (docs/conventions.md).

-- One row per consumer per event applied; the primary key rejects a second application.
CREATE TABLE processed_event (
    event_id     uuid        NOT NULL,
    consumer     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, consumer)
);

-- Events waiting to be relayed to Kafka, written in the same transaction as the change they report.
CREATE TABLE outbox_event (
    seq          bigserial PRIMARY KEY,
    id           uuid        UNIQUE NOT NULL,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    type         text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- One row per notification key: the unique notification_id is what makes "at most one delivery per
-- notification" hold even when the same request arrives under another event id.
CREATE TABLE notification (
    id                 bigserial PRIMARY KEY,
    notification_id    uuid        NOT NULL UNIQUE,
    incident_id        uuid        NOT NULL,
    incident_number    text        NOT NULL,
    hop_id             uuid,
    step               text,
    kind               text        NOT NULL CHECK (kind IN ('NEW_REPORT', 'ESCALATION')),
    drill              boolean     NOT NULL,
    channel            text        NOT NULL CHECK (channel IN ('MAIL', 'WEBHOOK', 'INBOX')),
    recipient_username text        NOT NULL,
    recipient_name     text        NOT NULL,
    recipient_email    text        NOT NULL,
    recipient_locale   text        NOT NULL DEFAULT 'ja',
    ack_deadline       timestamptz,
    severity           text,
    subject            text        NOT NULL,
    body               text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'RETRY', 'SENT', 'FAILED')),
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    lease_until        timestamptz,
    last_error         text,
    request_event_id   uuid        NOT NULL,
    requested_at       timestamptz NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    sent_at            timestamptz,
    failed_at          timestamptz
);
-- What the delivery worker scans: due rows, and rows whose sender lease ran out.
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status IN ('PENDING', 'RETRY');
CREATE INDEX notification_leased ON notification (lease_until) WHERE status = 'SENDING';
CREATE INDEX notification_incident ON notification (incident_id, created_at);

-- Every try to deliver a notification, kept for the delivery log.
CREATE TABLE delivery_attempt (
    id              bigserial PRIMARY KEY,
    notification_id bigint      NOT NULL REFERENCES notification (id),
    attempt_number  integer     NOT NULL CHECK (attempt_number >= 1),
    channel         text        NOT NULL,
    attempted_at    timestamptz NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('SENT', 'ERROR', 'UNKNOWN')),
    error           text,
    UNIQUE (notification_id, attempt_number)
);
