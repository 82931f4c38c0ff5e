-- 3. Trail heads sealed periodically with a key kept outside the database (issue 12): TrailSealer writes, per
--    organisation, a seal over the heads that moved since they were last sealed — an HMAC-SHA256 with
--    horenso.audit.seal-key (HORENSO_AUDIT_SEAL_KEY) over the seal's id, organisation, time and the ordered list of
--    (incident id, head seq, head hash). Someone with database rights but without the key who rewrites a case's
--    entries and head consistently cannot write a matching seal: verification finds the sealed hash gone.
CREATE TABLE timeline_seal (
    id           bigint      PRIMARY KEY,
    organisation text        NOT NULL,
    sealed_at    timestamptz NOT NULL,
    heads        integer     NOT NULL,
    mac          text        NOT NULL
);
CREATE SEQUENCE timeline_seal_id_seq OWNED BY timeline_seal.id;

CREATE TABLE timeline_seal_head (
    seal_id     bigint  NOT NULL REFERENCES timeline_seal (id),
    incident_id uuid    NOT NULL REFERENCES incident (id),
    seq         integer NOT NULL,
    hash        text    NOT NULL,
    PRIMARY KEY (seal_id, incident_id)
);
-- the latest seal of a case
CREATE INDEX timeline_seal_head_incident_idx ON timeline_seal_head (incident_id, seal_id DESC);

CREATE TRIGGER timeline_seal_write_once BEFORE UPDATE OR DELETE ON timeline_seal
    FOR EACH ROW EXECUTE FUNCTION row_is_write_once();
CREATE TRIGGER timeline_seal_head_write_once BEFORE UPDATE OR DELETE ON timeline_seal_head
    FOR EACH ROW EXECUTE FUNCTION row_is_write_once();
CREATE TRIGGER timeline_seal_no_truncate BEFORE TRUNCATE ON timeline_seal
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
CREATE TRIGGER timeline_seal_head_no_truncate BEFORE TRUNCATE ON timeline_seal_head
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
