-- Tables of the platform's plumbing, the same in every service's database. Repeatable and idempotent: Flyway runs it
-- after the service's own versioned migrations (which created outbox_event and processed_event in V1) and again
-- whenever it changes. Services list it with quarkus.flyway.locations=db/migration,db/platform.

create table if not exists outbox_event (
    seq          bigserial   primary key,
    id           uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    type         text        not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

-- A row the broker keeps refusing is parked after horenso.platform.outbox.max-attempts tries (an alarm is raised);
-- the rows of other cases flow on, the later rows of the same case wait until it is parked.
alter table outbox_event add column if not exists attempts   integer not null default 0;
alter table outbox_event add column if not exists last_error text;
alter table outbox_event add column if not exists parked_at  timestamptz;

create index if not exists outbox_event_pending on outbox_event (seq) where published_at is null and parked_at is null;
create index if not exists outbox_event_parked on outbox_event (seq) where parked_at is not null;

create table if not exists processed_event (
    event_id     uuid        not null,
    consumer     text        not null,
    processed_at timestamptz not null default now(),
    primary key (event_id, consumer)
);

-- The tables the application may only add to and read (its trails). A service's migration registers its own; the
-- afterMigrate callback (db/platform/afterMigrate.sql) grants the application role (Flyway placeholder
-- horenso_app_role, empty in dev) everything on every other table and only SELECT and INSERT on these.
create table if not exists horenso_append_only (
    table_name text primary key
);

-- The administrative trail of each organisation (directory imports, chain versions, absences, delivery settings,
-- onboarding): one hash-chained row per change, the organisation's head beside them (see AdminTrail).
create table if not exists admin_trail_entry (
    organisation  text        not null,
    seq           bigint      not null,
    id            uuid        not null unique,
    recorded_at   timestamptz not null,
    actor         text        not null,
    action        text        not null,
    subject       text        not null,
    detail        text        not null,
    previous_hash text        not null,
    hash          text        not null,
    primary key (organisation, seq)
);

create table if not exists admin_trail_head (
    organisation text   primary key,
    seq          bigint not null,
    hash         text   not null
);

insert into horenso_append_only (table_name) values ('admin_trail_entry') on conflict do nothing;

create or replace function horenso_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the rows of % are append-only (%)', tg_table_name, tg_op using errcode = '42501';
end;
$$;

-- A head only moves forward, one entry at a time, and is never removed.
create or replace function horenso_admin_trail_head_forward() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' or new.seq <> old.seq + 1 or new.organisation <> old.organisation then
        raise exception 'the head of an administrative trail only moves forward' using errcode = '42501';
    end if;
    return new;
end;
$$;

drop trigger if exists admin_trail_entry_append_only on admin_trail_entry;
create trigger admin_trail_entry_append_only before update or delete on admin_trail_entry
    for each row execute function horenso_refuse_change();
drop trigger if exists admin_trail_entry_no_truncate on admin_trail_entry;
create trigger admin_trail_entry_no_truncate before truncate on admin_trail_entry
    for each statement execute function horenso_refuse_change();
drop trigger if exists admin_trail_head_forward on admin_trail_head;
create trigger admin_trail_head_forward before update or delete on admin_trail_head
    for each row execute function horenso_admin_trail_head_forward();
drop trigger if exists admin_trail_head_no_truncate on admin_trail_head;
create trigger admin_trail_head_no_truncate before truncate on admin_trail_head
    for each statement execute function horenso_refuse_change();
