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
