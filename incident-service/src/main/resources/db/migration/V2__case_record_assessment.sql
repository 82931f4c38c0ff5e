-- The full case record (第44条4項, 第65条, 第78条, 第107条), severity with its reasons, legal duties (R1, R2).

ALTER TABLE incident
    ADD COLUMN kind                      text    NOT NULL DEFAULT 'SECURITY_INCIDENT',
    ADD COLUMN occurred_offset           text,
    ADD COLUMN discovered_offset         text,
    ADD COLUMN network_zone              text,
    ADD COLUMN information_systems       jsonb   NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN assets                    jsonb   NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN personal_data             jsonb,
    ADD COLUMN threat_category           text,
    ADD COLUMN functional_impact         text,
    ADD COLUMN information_impact        text,
    ADD COLUMN recoverability            text,
    ADD COLUMN ongoing                   boolean NOT NULL DEFAULT false,
    ADD COLUMN cause                     text,
    ADD COLUMN damage_extent             text,
    ADD COLUMN damage_scope              text,
    ADD COLUMN classification_scheme     text,
    ADD COLUMN computed_severity         text    NOT NULL DEFAULT 'LOW',
    ADD COLUMN severity_reasons          jsonb   NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN severity_override         text,
    ADD COLUMN severity_override_reason  text,
    ADD COLUMN severity_override_by      text,
    ADD COLUMN severity_override_at      timestamptz;

CREATE INDEX incident_kind_idx ON incident (kind);
CREATE INDEX incident_severity_idx ON incident ((coalesce(severity_override, computed_severity)));

-- A legal reporting duty found to apply to a case, with its clock (counted from discovery, calendar days).
CREATE TABLE legal_duty (
    incident_id          uuid        NOT NULL REFERENCES incident (id),
    code                 text        NOT NULL,
    rule_set_version     text        NOT NULL,
    source               text        NOT NULL,
    reasons              jsonb       NOT NULL,
    identified_at        timestamptz NOT NULL,
    prompt_due_at        timestamptz NOT NULL,
    final_due_at         timestamptz NOT NULL,
    prompt_submitted_at  timestamptz,
    prompt_reference     text,
    final_submitted_at   timestamptz,
    final_reference      text,
    withdrawn_at         timestamptz,
    PRIMARY KEY (incident_id, code)
);
CREATE INDEX legal_duty_open_idx ON legal_duty (final_due_at) WHERE final_submitted_at IS NULL AND withdrawn_at IS NULL;
