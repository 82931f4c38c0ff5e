-- notification-service, issue 12: several organisations in one installation, sealed from each other. Every table
-- that holds an organisation's data carries its organisation; a person is (organisation, username) — the same user
-- name in two organisations is two people, with two inboxes and two sets of delivery settings. Indexes lead with
-- the organisation, the first thing every query filters by.
--
-- Rows written before organisations existed were all the demo city's (the only organisation there was, in dev and
-- test only; production had no data of this service yet): they are backfilled as 'demo-city'. No default remains:
-- whatever writes a row must say whose it is.

-- ## Notifications and their attempts ---------------------------------------------------------------------------
ALTER TABLE notification ADD COLUMN organisation text;
UPDATE notification SET organisation = 'demo-city';
ALTER TABLE notification ALTER COLUMN organisation SET NOT NULL;
ALTER TABLE notification ADD CONSTRAINT notification_organisation_check
    CHECK (organisation ~ '^[a-z0-9][a-z0-9-]{0,62}$');
DROP INDEX notification_incident;
CREATE INDEX notification_incident ON notification (organisation, incident_id, created_at);
DROP INDEX notification_by_recipient;
CREATE INDEX notification_by_recipient ON notification (organisation, recipient_username, created_at);
CREATE INDEX notification_held ON notification (organisation, recipient_username) WHERE status = 'HELD';
-- What the consumer checks a request against: which organisation a case's notices belong to.
CREATE INDEX notification_incident_organisation ON notification (incident_id, organisation);

ALTER TABLE delivery_attempt ADD COLUMN organisation text;
UPDATE delivery_attempt a SET organisation = n.organisation FROM notification n WHERE n.id = a.notification_id;
ALTER TABLE delivery_attempt ALTER COLUMN organisation SET NOT NULL;
CREATE INDEX delivery_attempt_by_organisation ON delivery_attempt (organisation, notification_id);

-- ## Recipients: (organisation, username) -------------------------------------------------------------------------
ALTER TABLE recipient_channel ADD COLUMN organisation text;
UPDATE recipient_channel SET organisation = 'demo-city';
ALTER TABLE recipient_channel ALTER COLUMN organisation SET NOT NULL;
ALTER TABLE recipient_channel DROP CONSTRAINT recipient_channel_username_position_key;
ALTER TABLE recipient_channel ADD CONSTRAINT recipient_channel_person_position_key
    UNIQUE (organisation, username, position);

ALTER TABLE recipient_setting ADD COLUMN organisation text;
UPDATE recipient_setting SET organisation = 'demo-city';
ALTER TABLE recipient_setting ALTER COLUMN organisation SET NOT NULL;
ALTER TABLE recipient_setting DROP CONSTRAINT recipient_setting_pkey;
ALTER TABLE recipient_setting ADD PRIMARY KEY (organisation, username);

-- ## Acknowledgement links, inbox, stopped chains ---------------------------------------------------------------
ALTER TABLE ack_link_use ADD COLUMN organisation text;
UPDATE ack_link_use u SET organisation = coalesce(
    (SELECT n.organisation FROM notification n WHERE n.notification_id = u.notification_id), 'demo-city');
ALTER TABLE ack_link_use ALTER COLUMN organisation SET NOT NULL;
CREATE INDEX ack_link_use_by_case ON ack_link_use (organisation, incident_id);

ALTER TABLE inbox_item ADD COLUMN organisation text;
UPDATE inbox_item i SET organisation = coalesce(
    (SELECT n.organisation FROM notification n WHERE n.notification_id = i.notification_id), 'demo-city');
ALTER TABLE inbox_item ALTER COLUMN organisation SET NOT NULL;
DROP INDEX inbox_item_by_user;
CREATE INDEX inbox_item_by_user ON inbox_item (organisation, username, id DESC);

ALTER TABLE stopped_chain ADD COLUMN organisation text;
UPDATE stopped_chain SET organisation = 'demo-city';
ALTER TABLE stopped_chain ALTER COLUMN organisation SET NOT NULL;
CREATE INDEX stopped_chain_by_organisation ON stopped_chain (organisation, incident_id);

-- ## The trail of acknowledgements by link is only ever added to --------------------------------------------------
-- (the platform's repeatable migration creates horenso_append_only after the versioned ones on a fresh database)
CREATE TABLE IF NOT EXISTS horenso_append_only (table_name text PRIMARY KEY);
INSERT INTO horenso_append_only (table_name) VALUES ('ack_link_use') ON CONFLICT DO NOTHING;
