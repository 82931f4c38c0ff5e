-- Issue 12: an organisation is onboarded at runtime (or from a seed) with its profile: its own case-number prefix
-- (GIKAI-2026-000001), its classification scheme, the inquiry desk printed on documents and the public contacts a
-- disclosure text may contain; who onboarded it and when (the administrative trail has the details).
alter table organisation add column case_number_prefix    text;
alter table organisation add column classification_scheme text  not null default 'KANUMA';
alter table organisation add column contact_ja            text;
alter table organisation add column contact_en            text;
alter table organisation add column public_contacts       jsonb not null default '[]';
alter table organisation add column onboarded_by          text;
alter table organisation add column onboarded_at          timestamptz;

-- Case numbers are each organisation's own: two organisations never share a prefix.
create unique index organisation_case_number_prefix on organisation (case_number_prefix);
