-- escalation-service, issue 4: legal clocks (regulatory.md R1, R2), deputies and absences, repeated and
-- conditional hops (第43条3項), outside bodies told (第43条2項), who wrote each chain version (第107条).

-- ## Directory: deputies with validity periods, absences --------------------------------------------------
-- The deputy (代理者) of a position: of a unit (section chief, department head) or of the organisation
-- (unit_code null). Valid from/until are dates in the organisation's time zone, both inclusive; null = open.
-- Several deputies of one position are tried in the order they were written (id).
create table deputy (
    id           bigserial primary key,
    organisation text not null references organisation (code),
    position     text not null,
    unit_code    text,
    username     text not null,
    valid_from   date,
    valid_until  date,
    foreign key (organisation, unit_code) references unit (organisation, code),
    foreign key (organisation, username) references person (organisation, username),
    check (valid_from is null or valid_until is null or valid_from <= valid_until)
);
create index deputy_by_position on deputy (organisation, position, coalesce(unit_code, ''));

-- A person who cannot be reached for a while (leave, business trip): their hops go to the deputy.
create table absence (
    id           bigserial primary key,
    organisation text        not null,
    username     text        not null,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    reason       text,
    created_by   text        not null,
    created_at   timestamptz not null default now(),
    foreign key (organisation, username) references person (organisation, username) on delete cascade,
    check (starts_at < ends_at)
);
create index absence_by_person on absence (organisation, username, ends_at);

-- ## Chain versions: who wrote them ------------------------------------------------------------------------
alter table chain_definition add column created_by text;

-- ## Chain runs: 重大 marking (第43条3項) -----------------------------------------------------------------
alter table chain_run add column marked_serious_at timestamptz;
alter table chain_run add column marked_serious_by text;
alter table chain_run add column marked_serious_reason text;

-- ## Hops: repeats, deputies, why a hop was opened ------------------------------------------------------------
-- attempt: 1 for the first notice of a step to a person, 2.. for the repeats of the step's "repeat N times
-- every M minutes"; as_deputy: the recipient stands in for the position's holder deputy_for (null: the
-- position is vacant); trigger: what opened the hop.
alter table hop add column attempt integer not null default 1 check (attempt >= 1);
alter table hop add column as_deputy boolean not null default false;
alter table hop add column deputy_for text;
alter table hop add column trigger text not null default 'REPORT'
    check (trigger in ('REPORT', 'TIMEOUT', 'REPEAT', 'DEPUTY', 'SEVERITY', 'MARKED_SERIOUS', 'LEGAL_REPORT_DUE'));
alter table hop drop constraint hop_skip_reason_check;
alter table hop add constraint hop_skip_reason_check
    check (skip_reason in ('VACANT', 'UNKNOWN_UNIT', 'REPORTER', 'ABSENT'));
-- A step reaches a person once per case and attempt (the repeats are further attempts).
drop index hop_once_per_step_and_recipient;
create unique index hop_once_per_step_recipient_and_attempt
    on hop (incident_id, chain_step, coalesce(recipient_username, ''), attempt);

-- An outside body (関係機関, 第43条2項) told about a case: once per case and body.
create table outside_notification (
    incident_id  uuid        not null references chain_run (incident_id),
    body_id      text        not null,
    chain_step   text        not null,
    name         text        not null,
    email        text        not null,
    notified_at  timestamptz not null default now(),
    primary key (incident_id, body_id)
);

-- ## Legal clocks (regulatory.md R1, R2) ----------------------------------------------------------------
-- One clock per case and legal duty (PPC_APPI, PPC_MY_NUMBER …), with the deadlines incident-service
-- computed from its legal rule set (calendar days from discovery).
create table legal_clock (
    id                  uuid primary key,
    incident_id         uuid        not null references chain_run (incident_id),
    incident_number     text        not null,
    organisation        text        not null,
    code                text        not null,
    report_to           text        not null,
    source              text        not null,
    discovered_at       timestamptz not null,
    prompt_due_at       timestamptz not null,
    final_due_at        timestamptz not null,
    drill               boolean     not null,
    status              text        not null check (status in ('RUNNING', 'SUBMITTED', 'WITHDRAWN')),
    identified_at       timestamptz not null default now(),
    prompt_submitted_at timestamptz,
    final_submitted_at  timestamptz,
    withdrawn_at        timestamptz,
    unique (incident_id, code)
);

-- The clock's timers: a reminder before and the deadline of each report. Claimed like hops, by the database
-- clock with FOR UPDATE SKIP LOCKED, so each fires once whatever the number of replicas.
create table legal_timer (
    id       uuid primary key,
    clock_id uuid        not null references legal_clock (id),
    report   text        not null check (report in ('PROMPT', 'FINAL')),
    kind     text        not null check (kind in ('REMINDER', 'DEADLINE')),
    due_at   timestamptz not null,
    status   text        not null check (status in ('PENDING', 'FIRED', 'CANCELLED')),
    fired_at timestamptz,
    unique (clock_id, report, kind)
);
create index legal_timer_pending_by_due on legal_timer (due_at) where status = 'PENDING';
