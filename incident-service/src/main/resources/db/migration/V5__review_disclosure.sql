-- The CSIRT's report to the CISO (第44条4項) and the CISO's review of it (第44条5項), and public disclosure
-- (第43条5項, 第44条7項): the CISO's decision, draft texts with versions, approval and publication.

-- A frozen snapshot of the whole case record as the CSIRT reported it. The snapshot and its SHA-256 never change;
-- the CISO's decision is written once. The trigger below refuses anything else, whoever tries.
CREATE TABLE ciso_report (
    id            uuid        PRIMARY KEY,
    incident_id   uuid        NOT NULL REFERENCES incident (id),
    version       integer     NOT NULL,
    snapshot      text        NOT NULL,
    sha256        text        NOT NULL,
    submitted_by  text        NOT NULL,
    submitted_at  timestamptz NOT NULL,
    decision      text,
    instructions  text,
    decided_by    text,
    decided_at    timestamptz,
    CONSTRAINT ciso_report_version_unique UNIQUE (incident_id, version),
    CONSTRAINT ciso_report_decision_known CHECK (decision IS NULL OR decision IN ('ACCEPT', 'RETURN')),
    CONSTRAINT ciso_report_return_has_instructions CHECK (decision IS DISTINCT FROM 'RETURN' OR instructions IS NOT NULL)
);

CREATE FUNCTION ciso_report_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'ciso_report is frozen: DELETE refused';
    END IF;
    IF NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.sha256 IS DISTINCT FROM OLD.sha256
            OR NEW.incident_id IS DISTINCT FROM OLD.incident_id OR NEW.version IS DISTINCT FROM OLD.version
            OR NEW.submitted_by IS DISTINCT FROM OLD.submitted_by
            OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at THEN
        RAISE EXCEPTION 'ciso_report is frozen: the snapshot of report % cannot change', OLD.id;
    END IF;
    IF OLD.decision IS NOT NULL THEN
        RAISE EXCEPTION 'ciso_report is frozen: report % was already decided', OLD.id;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ciso_report_frozen BEFORE UPDATE OR DELETE ON ciso_report
    FOR EACH ROW EXECUTE FUNCTION ciso_report_is_frozen();

-- The CISO's decision on public disclosure of a case (第43条5項), with what the rule proposed and why (R5).
CREATE TABLE disclosure_decision (
    incident_id       uuid        PRIMARY KEY REFERENCES incident (id),
    method            text        NOT NULL,
    proposed_method   text        NOT NULL,
    proposed_reasons  jsonb       NOT NULL,
    note              text,
    decided_by        text        NOT NULL,
    decided_at        timestamptz NOT NULL,
    version           bigint      NOT NULL DEFAULT 0
);

-- Draft texts of a disclosure; each save is a new version, old versions are kept unchanged. Approval is once.
CREATE TABLE disclosure_draft (
    incident_id              uuid        NOT NULL REFERENCES incident (id),
    version                  integer     NOT NULL,
    title_ja                 text        NOT NULL,
    body_ja                  text        NOT NULL,
    title_en                 text,
    body_en                  text,
    recurrence_prevention    jsonb,
    accepted_report_version  integer,
    created_by               text        NOT NULL,
    created_at               timestamptz NOT NULL,
    approved_by              text,
    approved_at              timestamptz,
    PRIMARY KEY (incident_id, version)
);

CREATE FUNCTION disclosure_draft_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'disclosure_draft versions are kept: DELETE refused';
    END IF;
    IF NEW.title_ja IS DISTINCT FROM OLD.title_ja OR NEW.body_ja IS DISTINCT FROM OLD.body_ja
            OR NEW.title_en IS DISTINCT FROM OLD.title_en OR NEW.body_en IS DISTINCT FROM OLD.body_en
            OR NEW.recurrence_prevention IS DISTINCT FROM OLD.recurrence_prevention
            OR NEW.accepted_report_version IS DISTINCT FROM OLD.accepted_report_version
            OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at IS DISTINCT FROM OLD.created_at
            OR NEW.incident_id IS DISTINCT FROM OLD.incident_id OR NEW.version IS DISTINCT FROM OLD.version THEN
        RAISE EXCEPTION 'disclosure_draft versions are kept: a saved version cannot change';
    END IF;
    IF OLD.approved_by IS NOT NULL THEN
        RAISE EXCEPTION 'disclosure_draft version % was already approved', OLD.version;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER disclosure_draft_frozen BEFORE UPDATE OR DELETE ON disclosure_draft
    FOR EACH ROW EXECUTE FUNCTION disclosure_draft_is_frozen();

-- What was published, copied from the approved draft: the public endpoint reads this table and nothing else.
-- Its id is not the case id, so the public never learns internal identifiers.
CREATE TABLE disclosure_publication (
    id                     uuid        PRIMARY KEY,
    incident_id            uuid        NOT NULL REFERENCES incident (id),
    draft_version          integer     NOT NULL,
    organisation           text        NOT NULL,
    method                 text        NOT NULL,
    drill                  boolean     NOT NULL,
    title_ja               text        NOT NULL,
    body_ja                text        NOT NULL,
    title_en               text,
    body_en                text,
    recurrence_prevention  jsonb,
    published_at           timestamptz NOT NULL,
    published_by           text        NOT NULL,
    recorded_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT disclosure_publication_draft_once UNIQUE (incident_id, draft_version),
    CONSTRAINT disclosure_publication_draft_fk FOREIGN KEY (incident_id, draft_version)
        REFERENCES disclosure_draft (incident_id, version)
);
CREATE INDEX disclosure_publication_public_idx ON disclosure_publication (published_at DESC, id) WHERE NOT drill;

CREATE FUNCTION disclosure_publication_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'disclosure_publication is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER disclosure_publication_append_only BEFORE UPDATE OR DELETE ON disclosure_publication
    FOR EACH ROW EXECUTE FUNCTION disclosure_publication_is_append_only();

-- The CISO's report of a case to the information-security committee (第44条6項); incident.committee_reported_at
-- carries the time for the access rule, this table the rest.
CREATE TABLE committee_report (
    incident_id     uuid        PRIMARY KEY REFERENCES incident (id),
    reported_at     timestamptz NOT NULL,
    reference       text        NOT NULL,
    report_version  integer     NOT NULL,
    recorded_by     text        NOT NULL,
    recorded_at     timestamptz NOT NULL
);
