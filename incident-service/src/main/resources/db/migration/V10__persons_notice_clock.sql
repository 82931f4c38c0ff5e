-- The 本人通知 (notice to the persons, 法68条2項) clock joins the running legal clocks the dashboard and the KPIs
-- read. It runs while the duty is neither withdrawn nor closed by its final report, as escalation-service's does.
CREATE OR REPLACE VIEW legal_clock AS
    SELECT d.incident_id, d.code, 'PROMPT' AS report, d.prompt_due_at AS due_at
      FROM legal_duty d
     WHERE d.withdrawn_at IS NULL AND d.final_submitted_at IS NULL AND d.prompt_submitted_at IS NULL
    UNION ALL
    SELECT d.incident_id, d.code, 'FINAL' AS report, d.final_due_at AS due_at
      FROM legal_duty d
     WHERE d.withdrawn_at IS NULL AND d.final_submitted_at IS NULL
    UNION ALL
    SELECT d.incident_id, d.code, 'PERSONS_NOTICE' AS report, d.persons_notice_due_at AS due_at
      FROM legal_duty d
     WHERE d.withdrawn_at IS NULL AND d.final_submitted_at IS NULL AND d.persons_notice_due_at IS NOT NULL;
