-- Timer rows that keep failing are parked instead of blocking the rest (issue 11): each due hop, legal timer and
-- response-action timer is handled in a transaction of its own; one that fails twice in a row gets parked_at
-- set, is logged at ERROR (the alarm) and is skipped by every later claim until an operator, after the fix,
-- sets parked_at back to null (README: "Parked timer rows").
alter table hop add column parked_at timestamptz;
alter table hop add column attempts integer not null default 0;
alter table hop add column last_error text;

alter table legal_timer add column parked_at timestamptz;
alter table legal_timer add column attempts integer not null default 0;
alter table legal_timer add column last_error text;

alter table response_action add column parked_at timestamptz;
alter table response_action add column attempts integer not null default 0;
alter table response_action add column last_error text;

-- The claims look only at due rows nobody parked.
drop index hop_open_by_deadline;
create index hop_open_by_deadline on hop (ack_deadline) where status = 'OPEN' and parked_at is null;
drop index legal_timer_pending_by_due;
create index legal_timer_pending_by_due on legal_timer (due_at) where status = 'PENDING' and parked_at is null;
drop index response_action_pending_by_due;
create index response_action_pending_by_due on response_action (due_at)
    where timer_status = 'PENDING' and parked_at is null;
