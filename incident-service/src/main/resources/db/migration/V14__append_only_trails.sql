-- Issue 12: the application role (horenso_app) may only read and add to the trails — the timeline entries, the
-- seals and the write-once records of evidence and communication — never UPDATE, DELETE or TRUNCATE them (the
-- platform's afterMigrate.sql revokes those for every table listed here). The trail heads move forward and stay
-- writable; their own trigger lets them only advance (V11).
-- The platform's repeatable migration creates horenso_append_only after the versioned ones on a fresh database.
CREATE TABLE IF NOT EXISTS horenso_append_only (table_name text PRIMARY KEY);

INSERT INTO horenso_append_only (table_name)
VALUES ('timeline_entry'),
       ('timeline_seal'),
       ('timeline_seal_head'),
       ('communication'),
       ('evidence'),
       ('evidence_content'),
       ('evidence_custody')
ON CONFLICT DO NOTHING;
