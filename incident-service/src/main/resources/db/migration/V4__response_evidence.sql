-- Response (第44条3–4項): owner rule of response actions; notices and outside communications; evidence with its
-- chain of custody (証拠保全, 第107条), kept in the city's own database.

-- An action belongs to a unit or to a person, never both, never neither.
ALTER TABLE response_action
    ADD CONSTRAINT response_action_one_owner CHECK ((owner_unit IS NULL) <> (owner_person IS NULL)),
    ADD CONSTRAINT response_action_kind_valid CHECK (kind IN ('CONTAINMENT', 'RECOVERY', 'RECURRENCE_PREVENTION')),
    ADD CONSTRAINT response_action_status_valid CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'));

-- What was told to whom outside the CSIRT: notices to the persons concerned (本人への連絡), information to citizens
-- (市民等への情報提供), reports to outside bodies. A record of a fact: written once, never changed.
CREATE TABLE communication (
    id              uuid        PRIMARY KEY,
    incident_id     uuid        NOT NULL REFERENCES incident (id),
    kind            text        NOT NULL CHECK (kind IN ('NOTICE_TO_PERSONS', 'INFORMATION_TO_CITIZENS',
                                                         'REPORT_TO_OUTSIDE_BODY')),
    recipient       text,
    recipient_name  text,
    persons         integer     CHECK (persons IS NULL OR persons > 0),
    method          text,
    communicated_at timestamptz NOT NULL,
    reference       text,
    summary         text,
    recorded_by     text        NOT NULL,
    recorded_at     timestamptz NOT NULL,
    CONSTRAINT communication_notice_has_persons CHECK (kind <> 'NOTICE_TO_PERSONS' OR persons IS NOT NULL),
    CONSTRAINT communication_report_has_recipient CHECK (kind <> 'REPORT_TO_OUTSIDE_BODY' OR recipient IS NOT NULL)
);
CREATE INDEX communication_incident_idx ON communication (incident_id, kind, communicated_at);

-- Evidence: metadata with the SHA-256 computed on arrival; the bytes in a table of their own so that listing
-- metadata never reads them.
CREATE TABLE evidence (
    id           uuid        PRIMARY KEY,
    incident_id  uuid        NOT NULL REFERENCES incident (id),
    filename     text        NOT NULL,
    content_type text        NOT NULL,
    size_bytes   bigint      NOT NULL CHECK (size_bytes > 0),
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    description  text,
    received_by  text        NOT NULL,
    received_at  timestamptz NOT NULL
);
CREATE INDEX evidence_incident_idx ON evidence (incident_id, received_at);

CREATE TABLE evidence_content (
    evidence_id uuid  PRIMARY KEY REFERENCES evidence (id),
    content     bytea NOT NULL
);

-- Chain of custody: who received, downloaded or handed over each piece, when and why.
CREATE TABLE evidence_custody (
    id          bigserial   PRIMARY KEY,
    evidence_id uuid        NOT NULL REFERENCES evidence (id),
    incident_id uuid        NOT NULL REFERENCES incident (id),
    action      text        NOT NULL CHECK (action IN ('RECEIVED', 'DOWNLOADED', 'HANDED_OVER')),
    actor       text        NOT NULL,
    at          timestamptz NOT NULL,
    handed_to   text,
    purpose     text,
    CONSTRAINT evidence_custody_handover_names_recipient CHECK (action <> 'HANDED_OVER' OR handed_to IS NOT NULL)
);
CREATE INDEX evidence_custody_evidence_idx ON evidence_custody (evidence_id, id);

-- Evidence, its bytes, its custody chain and the communications log are never rewritten: whoever switches these
-- guards off to do so is caught by the hash check on download and by the hash-chained timeline.
CREATE FUNCTION row_is_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is write-once: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER communication_write_once BEFORE UPDATE OR DELETE ON communication
    FOR EACH ROW EXECUTE FUNCTION row_is_write_once();
CREATE TRIGGER evidence_write_once BEFORE UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION row_is_write_once();
CREATE TRIGGER evidence_content_write_once BEFORE UPDATE OR DELETE ON evidence_content
    FOR EACH ROW EXECUTE FUNCTION row_is_write_once();
CREATE TRIGGER evidence_custody_write_once BEFORE UPDATE OR DELETE ON evidence_custody
    FOR EACH ROW EXECUTE FUNCTION row_is_write_once();
