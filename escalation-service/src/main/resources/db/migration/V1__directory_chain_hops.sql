-- escalation-service schema: the organisation directory, the chain definitions, the hops of each case's
-- chain, and the outbox / inbox tables of docs/conventions.md.

-- ## Organisation directory ------------------------------------------------------------------------------
create table organisation (
    code       text primary key,
    name_ja    text not null,
    name_en    text,
    created_at timestamptz not null default now()
);

-- A department (部) or a section (課); a section's parent is its department.
create table unit (
    id           bigserial primary key,
    organisation text not null references organisation (code),
    code         text not null,
    kind         text not null check (kind in ('DEPARTMENT', 'SECTION')),
    parent_code  text,
    name_ja      text not null,
    name_en      text,
    unique (organisation, code),
    foreign key (organisation, parent_code) references unit (organisation, code)
);

create table person (
    id           bigserial primary key,
    organisation text not null references organisation (code),
    username     text not null,
    display_name text not null,
    email        text not null,
    locale       text not null default 'ja' check (locale in ('ja', 'en')),
    -- null: the person sits at the organisation itself (the CISO) or in no unit (the auditor)
    unit_code    text,
    unique (organisation, username),
    foreign key (organisation, unit_code) references unit (organisation, code)
);

-- Who holds which position. unit_code is the section of a SECTION_CHIEF, the department of a
-- DEPARTMENT_HEAD, and null for positions of the whole organisation (SECURITY_LEAD, CISO, CSIRT, ...).
create table position_assignment (
    id           bigserial primary key,
    organisation text not null references organisation (code),
    position     text not null,
    unit_code    text,
    username     text not null,
    foreign key (organisation, unit_code) references unit (organisation, code),
    foreign key (organisation, username) references person (organisation, username)
);
create unique index position_assignment_uk
    on position_assignment (organisation, position, coalesce(unit_code, ''), username);

-- ## Chain definitions (data, versioned; a version is never changed once written) --------------------------
create table chain_definition (
    id           bigserial   primary key,
    organisation text        not null references organisation (code),
    version      integer     not null check (version >= 1),
    definition   jsonb       not null,
    created_at   timestamptz not null default now(),
    unique (organisation, version)
);

-- ## Chain runs and hops ------------------------------------------------------------------------------------
-- One run per case: what the chain needs to know about the case, and the chain version it runs on.
create table chain_run (
    incident_id     uuid primary key,
    incident_number text        not null,
    organisation    text        not null,
    chain_version   integer     not null,
    unit_code       text        not null,
    department_code text,
    reported_by     text        not null,
    drill           boolean     not null,
    severity        text,
    started_at      timestamptz not null default now(),
    foreign key (organisation, chain_version) references chain_definition (organisation, version)
);

-- A hop: one step of the chain addressed to one person, with an acknowledgement deadline.
-- SKIPPED hops record a step nobody could receive (vacant position, unknown unit, the reporter themself).
create table hop (
    id                 uuid primary key,
    incident_id        uuid        not null references chain_run (incident_id),
    incident_number    text        not null,
    chain_step         text        not null,
    step               text        not null,
    recipient_username text,
    recipient_name     text,
    recipient_email    text,
    recipient_locale   text,
    status             text        not null check (status in ('OPEN', 'ACKNOWLEDGED', 'TIMED_OUT', 'SKIPPED')),
    opened_at          timestamptz not null default now(),
    ack_deadline       timestamptz,
    acknowledged_at    timestamptz,
    acknowledged_by    text,
    late               boolean     not null default false,
    timed_out_at       timestamptz,
    escalated_from     uuid references hop (id),
    skip_reason        text check (skip_reason in ('VACANT', 'UNKNOWN_UNIT', 'REPORTER')),
    check ((status = 'SKIPPED') = (skip_reason is not null)),
    check (status = 'SKIPPED' or (recipient_username is not null and ack_deadline is not null))
);
-- A step reaches a person at most once per case: when the department head and the security lead both time
-- out, the CISO is told once (the second escalation finds the hop there and opens nothing).
create unique index hop_once_per_step_and_recipient
    on hop (incident_id, chain_step, coalesce(recipient_username, ''));
-- The timer's claim: open hops by deadline.
create index hop_open_by_deadline on hop (ack_deadline) where status = 'OPEN';
create index hop_by_incident on hop (incident_id, recipient_username);

-- ## Outbox and inbox (docs/conventions.md) -----------------------------------------------------------------
create table outbox_event (
    seq          bigserial primary key,
    id           uuid        unique not null,
    topic        text        not null,
    message_key  text        not null,
    type         text        not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;

create table processed_event (
    event_id     uuid        not null,
    consumer     text        not null,
    processed_at timestamptz not null default now(),
    primary key (event_id, consumer)
);
