-- Issue 12: one installation serves several organisations, each onboarded by escalation-service
-- (OrganisationOnboarded). Its profile replaces the per-organisation settings (horenso.organisation,
-- horenso.documents.organisations.*, horenso.disclosure.public-contacts, the organisations of
-- rules/classification-schemes.json): names and inquiry desk printed on documents, the public contacts a disclosure
-- text may contain, the classification scheme, and the prefix of its case numbers.
CREATE TABLE organisation_profile (
    code                  text        PRIMARY KEY,
    name_ja               text        NOT NULL,
    name_en               text        NOT NULL,
    case_number_prefix    text        NOT NULL UNIQUE CHECK (case_number_prefix ~ '^[A-Z][A-Z0-9]{1,9}$'),
    classification_scheme text        NOT NULL,
    contact_ja            text        NOT NULL,
    contact_en            text        NOT NULL,
    -- one contact per line (phone, address, e-mail of the inquiry desk)
    public_contacts       text        NOT NULL,
    onboarded_by          text        NOT NULL,
    onboarded_at          timestamptz NOT NULL,
    event_id              uuid        NOT NULL,
    received_at           timestamptz NOT NULL
);

-- The case numbers of each organisation: <PREFIX>-<year in Japan time>-<6 digits>, from a counter that never
-- repeats. Filing takes the organisation's row (UPDATE … RETURNING) in its transaction, so a rolled-back filing
-- leaves no gap and two filings of one organisation are numbered one after the other.
CREATE TABLE case_number_counter (
    organisation text   PRIMARY KEY REFERENCES organisation_profile (code),
    last_number  bigint NOT NULL CHECK (last_number >= 0)
);

-- Cases filed before numbering per organisation keep their INC- numbers.
DROP SEQUENCE incident_number_seq;
