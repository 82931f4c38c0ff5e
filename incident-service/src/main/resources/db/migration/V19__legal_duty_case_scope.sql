-- Issue 13: the KPIs' count of overdue legal clocks reads one organisation's running clocks from an index. Until now
-- legal_duty carried no organisation, so the count read the installation's every overdue clock and joined each to
-- its case (96 ms of a KPI request at 1,000,000 cases, docs/benchmarks.md). Each duty now carries its case's
-- organisation and drill mark, copied from the case when written and again when the case's drill mark is corrected,
-- as V15 did for hops and actions (the application does not write these columns).
ALTER TABLE legal_duty ADD COLUMN organisation text, ADD COLUMN drill boolean;

CREATE TRIGGER legal_duty_case_scope BEFORE INSERT OR UPDATE OF incident_id ON legal_duty
    FOR EACH ROW EXECUTE FUNCTION copy_case_scope();

CREATE OR REPLACE FUNCTION case_drill_copied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chain_hop SET drill = NEW.drill WHERE incident_id = NEW.id;
    UPDATE response_action SET drill = NEW.drill WHERE incident_id = NEW.id;
    UPDATE legal_duty SET drill = NEW.drill WHERE incident_id = NEW.id;
    RETURN NULL;
END;
$$;

UPDATE legal_duty d SET organisation = i.organisation, drill = i.drill FROM incident i WHERE i.id = d.incident_id;

-- The running clocks with their case's scope (columns added at the end, as CREATE OR REPLACE VIEW requires).
CREATE OR REPLACE VIEW legal_clock AS
    SELECT d.incident_id, d.code, 'PROMPT' AS report, d.prompt_due_at AS due_at, d.organisation, d.drill
      FROM legal_duty d
     WHERE d.withdrawn_at IS NULL AND d.final_submitted_at IS NULL AND d.prompt_submitted_at IS NULL
    UNION ALL
    SELECT d.incident_id, d.code, 'FINAL' AS report, d.final_due_at AS due_at, d.organisation, d.drill
      FROM legal_duty d
     WHERE d.withdrawn_at IS NULL AND d.final_submitted_at IS NULL
    UNION ALL
    SELECT d.incident_id, d.code, 'PERSONS_NOTICE' AS report, d.persons_notice_due_at AS due_at, d.organisation,
           d.drill
      FROM legal_duty d
     WHERE d.withdrawn_at IS NULL AND d.final_submitted_at IS NULL AND d.persons_notice_due_at IS NOT NULL;

-- One organisation's real running clocks by due time, one index per branch of the view (PostgreSQL pushes the
-- organisation, drill and due-time conditions into each branch).
CREATE INDEX legal_duty_prompt_scope_idx ON legal_duty (organisation, prompt_due_at)
    WHERE withdrawn_at IS NULL AND final_submitted_at IS NULL AND prompt_submitted_at IS NULL AND NOT drill;
CREATE INDEX legal_duty_final_scope_idx ON legal_duty (organisation, final_due_at)
    WHERE withdrawn_at IS NULL AND final_submitted_at IS NULL AND NOT drill;
CREATE INDEX legal_duty_notice_scope_idx ON legal_duty (organisation, persons_notice_due_at)
    WHERE withdrawn_at IS NULL AND final_submitted_at IS NULL AND persons_notice_due_at IS NOT NULL AND NOT drill;
