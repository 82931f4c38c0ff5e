-- notification-service, issue 8: every decision reaches a person (new kinds, copies for the vice-CISO), and a
-- stopped chain (case closed or withdrawn) cancels what has not been sent.

-- ## Kinds and states ----------------------------------------------------------------------------------------
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN ('NEW_REPORT', 'ESCALATION',
    'REMINDER', 'HOP_OVERDUE', 'LEGAL_DEADLINE_NEAR', 'LEGAL_DEADLINE_MISSED', 'DISCLOSURE_APPROVED', 'FORWARDED',
    'CISO_REPORT_SUBMITTED', 'CISO_REPORT_RETURNED', 'DISCLOSURE_PUBLISHED', 'RESPONSE_ACTION_ASSIGNED',
    'RESPONSE_ACTION_OVERDUE'));
-- CANCELLED: the case's chain stopped before the notification was sent; it never will be.
ALTER TABLE notification DROP CONSTRAINT notification_status_check;
ALTER TABLE notification ADD CONSTRAINT notification_status_check CHECK (status IN ('PENDING', 'HELD', 'GROUPED',
    'SENDING', 'RETRY', 'SENT', 'FAILED', 'CANCELLED'));

-- The user name whose notice this is a copy of (the vice-CISO receives a copy of the CISO's, 第9条).
ALTER TABLE notification ADD COLUMN copy_of text;
ALTER TABLE notification ADD COLUMN cancelled_at timestamptz;
ALTER TABLE notification ADD COLUMN cancel_reason text CHECK (cancel_reason IN ('CLOSED', 'WITHDRAWN'));
ALTER TABLE notification ADD CONSTRAINT notification_cancelled_check
    CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL));
-- What a stopped chain looks for: the case's notifications not sent yet.
CREATE INDEX notification_unsent_by_incident ON notification (incident_id)
    WHERE status IN ('PENDING', 'RETRY', 'HELD', 'GROUPED');

-- ## Stopped chains ----------------------------------------------------------------------------------------------
-- One row per case whose chain stopped (ChainStopped): a request for it that arrives later is stored as
-- CANCELLED and never sent.
CREATE TABLE stopped_chain (
    incident_id uuid PRIMARY KEY,
    reason      text        NOT NULL CHECK (reason IN ('CLOSED', 'WITHDRAWN')),
    stopped_at  timestamptz NOT NULL,
    event_id    uuid        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
