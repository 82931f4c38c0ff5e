-- The case trail resists more than naive edits (issue 12).
--
-- 1. Each case keeps its trail head: the seq (= number of entries, the chain counts from 1) and hash of its last
--    timeline entry, advanced in the same transaction as every append. Verification checks the chain against it,
--    so deleting the last entries (truncation) is found, not only an entry changed in the middle.
CREATE TABLE timeline_head (
    incident_id uuid        PRIMARY KEY REFERENCES incident (id),
    seq         integer     NOT NULL,
    hash        text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- the head names an entry that exists: that entry cannot go while the head points at it
    CONSTRAINT timeline_head_entry_fk FOREIGN KEY (incident_id, seq) REFERENCES timeline_entry (incident_id, seq)
);

-- The heads of the cases written before this migration.
INSERT INTO timeline_head (incident_id, seq, hash)
SELECT DISTINCT ON (incident_id) incident_id, seq, hash
  FROM timeline_entry
 ORDER BY incident_id, seq DESC;

-- A head starts at the first entry and only ever moves one entry forward; it is never deleted.
CREATE FUNCTION timeline_head_only_advances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.seq <> 1 THEN
            RAISE EXCEPTION 'timeline_head of % must start at entry 1, not %', NEW.incident_id, NEW.seq;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.incident_id = OLD.incident_id AND NEW.seq = OLD.seq + 1 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'timeline_head only advances by one entry: % refused', TG_OP;
END;
$$;
CREATE TRIGGER timeline_head_advances BEFORE INSERT OR UPDATE OR DELETE ON timeline_head
    FOR EACH ROW EXECUTE FUNCTION timeline_head_only_advances();

-- 2. TRUNCATE skips row triggers: the trail and the other write-once tables refuse it with a statement trigger.
CREATE FUNCTION trail_is_not_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER timeline_entry_no_truncate BEFORE TRUNCATE ON timeline_entry
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
CREATE TRIGGER timeline_head_no_truncate BEFORE TRUNCATE ON timeline_head
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
CREATE TRIGGER communication_no_truncate BEFORE TRUNCATE ON communication
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
CREATE TRIGGER evidence_content_no_truncate BEFORE TRUNCATE ON evidence_content
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
CREATE TRIGGER evidence_custody_no_truncate BEFORE TRUNCATE ON evidence_custody
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
CREATE TRIGGER ciso_report_no_truncate BEFORE TRUNCATE ON ciso_report
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
CREATE TRIGGER disclosure_draft_no_truncate BEFORE TRUNCATE ON disclosure_draft
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
CREATE TRIGGER disclosure_publication_no_truncate BEFORE TRUNCATE ON disclosure_publication
    FOR EACH STATEMENT EXECUTE FUNCTION trail_is_not_truncated();
