-- notification-service, issue 5: every kind of message, channels chosen per recipient (mail, webhooks) with
-- failover, a marker that tells "never started" from "outcome unknown" after a crash, one-click
-- acknowledgement links, the in-app inbox and digests.

-- ## Kinds and states ----------------------------------------------------------------------------------------
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN ('NEW_REPORT', 'ESCALATION',
    'REMINDER', 'HOP_OVERDUE', 'LEGAL_DEADLINE_NEAR', 'LEGAL_DEADLINE_MISSED', 'DISCLOSURE_APPROVED'));
-- HELD: waits for the recipient's digest; GROUPED: travels inside the digest of another notification.
ALTER TABLE notification DROP CONSTRAINT notification_status_check;
ALTER TABLE notification ADD CONSTRAINT notification_status_check CHECK (status IN ('PENDING', 'HELD', 'GROUPED',
    'SENDING', 'RETRY', 'SENT', 'FAILED'));

-- What chats, webhooks and the inbox show (rendered once, like subject and body), and the links.
ALTER TABLE notification ADD COLUMN summary text NOT NULL DEFAULT '';
ALTER TABLE notification ADD COLUMN case_link text NOT NULL DEFAULT '';
ALTER TABLE notification ADD COLUMN ack_link text;
-- Where the notification is on its recipient's route: the recipient_channel row (null: the request's mail
-- address, the route when nothing is configured), its position, and the attempts made on it.
ALTER TABLE notification ADD COLUMN endpoint_id bigint;
ALTER TABLE notification ADD COLUMN endpoint_position integer NOT NULL DEFAULT -1;
ALTER TABLE notification ADD COLUMN channel_attempts integer NOT NULL DEFAULT 0;
-- A digest travels as its oldest notification (the leader); the others point at it.
ALTER TABLE notification ADD COLUMN digest_leader_id bigint REFERENCES notification (id);
ALTER TABLE notification ADD COLUMN digest_subject text;
ALTER TABLE notification ADD COLUMN digest_body text;
ALTER TABLE notification ADD COLUMN digest_summary text;

DROP INDEX notification_due;
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status IN ('PENDING', 'RETRY', 'HELD');
CREATE INDEX notification_by_recipient ON notification (recipient_username, created_at);
CREATE INDEX notification_digest_members ON notification (digest_leader_id) WHERE digest_leader_id IS NOT NULL;

-- ## Attempts: the "sending" marker ------------------------------------------------------------------------------
-- STARTED is committed right before the channel is talked to. After a crash, an attempt without it never
-- started (INTERRUPTED, safe to send); one with it may have left (UNKNOWN, not repeated where a repeat could
-- deliver twice).
ALTER TABLE delivery_attempt DROP CONSTRAINT delivery_attempt_outcome_check;
ALTER TABLE delivery_attempt ADD CONSTRAINT delivery_attempt_outcome_check
    CHECK (outcome IN ('STARTED', 'SENT', 'ERROR', 'UNKNOWN', 'INTERRUPTED'));
-- Tries inside one attempt (SmallRye Fault Tolerance retries in process) and where the attempt went.
ALTER TABLE delivery_attempt ADD COLUMN tries integer NOT NULL DEFAULT 1 CHECK (tries >= 1);
ALTER TABLE delivery_attempt ADD COLUMN target text;

-- ## Recipients: channels in failover order, quiet settings ------------------------------------------------------
-- A person's channels, tried in position order; MAIL without address = the address in the request. The
-- in-app inbox is not listed: every notification is put there anyway.
CREATE TABLE recipient_channel (
    id             bigserial PRIMARY KEY,
    username       text        NOT NULL,
    position       integer     NOT NULL CHECK (position >= 0),
    channel        text        NOT NULL CHECK (channel IN ('MAIL', 'WEBHOOK')),
    webhook_format text        CHECK (webhook_format IN ('GENERIC', 'TEAMS', 'SLACK', 'MATTERMOST')),
    address        text,
    secret         text,
    updated_by     text        NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (username, position),
    CHECK ((channel = 'MAIL' AND webhook_format IS NULL)
        OR (channel = 'WEBHOOK' AND webhook_format IS NOT NULL AND address IS NOT NULL)),
    CHECK (webhook_format IS DISTINCT FROM 'GENERIC' OR secret IS NOT NULL)
);

-- Per person: bursts within digest_window_seconds after a message go out as one digest (null: never).
CREATE TABLE recipient_setting (
    username              text PRIMARY KEY,
    digest_window_seconds integer CHECK (digest_window_seconds > 0),
    updated_by            text        NOT NULL,
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- ## Acknowledgement links -------------------------------------------------------------------------------------
-- One row per link used; the primary key is what makes a link single-use, even under concurrent clicks.
CREATE TABLE ack_link_use (
    notification_id uuid PRIMARY KEY,
    incident_id     uuid        NOT NULL,
    hop_id          uuid,
    username        text        NOT NULL,
    used_at         timestamptz NOT NULL DEFAULT now(),
    user_agent      text
);

-- ## In-app inbox ------------------------------------------------------------------------------------------------
CREATE TABLE inbox_item (
    id              bigserial PRIMARY KEY,
    notification_id uuid        NOT NULL UNIQUE,
    username        text        NOT NULL,
    incident_id     uuid        NOT NULL,
    incident_number text        NOT NULL,
    kind            text        NOT NULL,
    severity        text,
    drill           boolean     NOT NULL,
    subject         text        NOT NULL,
    summary         text        NOT NULL,
    case_link       text        NOT NULL,
    ack_link        text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    read_at         timestamptz
);
CREATE INDEX inbox_item_by_user ON inbox_item (username, id DESC);
CREATE INDEX inbox_item_recent ON inbox_item (created_at);
