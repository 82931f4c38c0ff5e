-- escalation-service, issue 8: the chain as the policy reads it. Acknowledgements forward (第43条2–4項), the
-- chain follows the unit the case concerns (第44条2項), closing and withdrawing stop the chain, response actions
-- have an overdue timer, the notice to persons (本人通知) has its own legal clock.

-- ## Chain runs: stopped (closed / withdrawn) -------------------------------------------------------------------
alter table chain_run add column stopped_at timestamptz;
alter table chain_run add column stop_reason text check (stop_reason in ('CLOSED', 'WITHDRAWN'));
alter table chain_run add check ((stopped_at is null) = (stop_reason is null));

-- ## Hops: cancelled, forwarded on acknowledgement, re-opened for a new unit --------------------------------------
alter table hop drop constraint hop_status_check;
alter table hop add constraint hop_status_check
    check (status in ('OPEN', 'ACKNOWLEDGED', 'TIMED_OUT', 'SKIPPED', 'CANCELLED'));
alter table hop add column cancelled_at timestamptz;
alter table hop add column cancel_reason text check (cancel_reason in ('UNIT_CHANGED', 'CLOSED', 'WITHDRAWN'));
alter table hop add check ((status = 'CANCELLED') = (cancel_reason is not null));
-- The acknowledged hop whose acknowledgement opened this one (trigger ACKNOWLEDGED, onAcknowledge).
alter table hop add column forwarded_from uuid references hop (id);
alter table hop drop constraint hop_trigger_check;
alter table hop add constraint hop_trigger_check
    check (trigger in ('REPORT', 'TIMEOUT', 'REPEAT', 'DEPUTY', 'SEVERITY', 'MARKED_SERIOUS', 'LEGAL_REPORT_DUE',
                       'ACKNOWLEDGED', 'UNIT_CHANGED'));
-- A step reached both by a time-out and by an acknowledgement opens once: the unique index of V2
-- (incident, chain step, recipient, attempt) decides, with insert … on conflict do nothing.

-- ## Legal clocks: the notice to persons (本人通知, 法68条2項) ------------------------------------------------------
alter table legal_clock add column persons_notice_due_at timestamptz;
alter table legal_timer drop constraint legal_timer_report_check;
alter table legal_timer add constraint legal_timer_report_check
    check (report in ('PROMPT', 'FINAL', 'PERSONS_NOTICE'));

-- ## Response actions (第44条3項): who owns them, and the overdue timer ---------------------------------------------
-- One row per action of incident-service (the latest version seen). due_at is the end of the due date in the
-- organisation's zone; the timer is claimed like hop timers (FOR UPDATE SKIP LOCKED).
create table response_action (
    action_id    uuid primary key,
    incident_id  uuid        not null references chain_run (incident_id),
    kind         text        not null check (kind in ('CONTAINMENT', 'RECOVERY', 'RECURRENCE_PREVENTION')),
    owner_unit   text,
    owner_person text,
    due_date     date,
    status       text        not null check (status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
    version      integer     not null,
    due_at       timestamptz,
    timer_status text        not null check (timer_status in ('NONE', 'PENDING', 'FIRED', 'CANCELLED')),
    fired_at     timestamptz,
    check (timer_status = 'NONE' or due_at is not null)
);
create index response_action_pending_by_due on response_action (due_at) where timer_status = 'PENDING';
create index response_action_by_incident on response_action (incident_id);
