-- The chain as the policy reads it (issue 8): the directory projection that validates the unit a case concerns
-- (第44条2項), the person a report was received from (第43条1項), and the 本人通知 clock of a legal duty.

-- The organisation's directory as escalation-service last published it (DirectoryPublished, keyed by organisation).
CREATE TABLE directory (
    organisation text        PRIMARY KEY,
    published_at timestamptz NOT NULL,
    event_id     uuid        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE directory_unit (
    organisation text NOT NULL REFERENCES directory (organisation),
    code         text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('DEPARTMENT', 'SECTION')),
    parent       text,
    name_ja      text NOT NULL,
    name_en      text,
    PRIMARY KEY (organisation, code)
);

-- A vendor or citizen who told a staff member (第43条1項): who, how to reach them, how it came in. Shown on the case
-- to those who may see it, never in events, on the timeline or in exports.
ALTER TABLE incident ADD COLUMN informant jsonb;

-- 本人通知: the notice to the persons concerned, with its own clock from the rules file.
ALTER TABLE legal_duty ADD COLUMN persons_notice_due_at timestamptz;
