-- What operators did with dead-lettered records (DeadLetterAudit): one row per replayed or discarded record, with who
-- did it, when and why. Only in the schema of a service that serves the dead-letter API (eventmart.dead-letters.enabled,
-- which adds this location to Flyway's). Its version is taken from the 0.x sequence of db/eventmart-support, which
-- goes on at 0.8: a later shared migration numbered below one a schema has applied would be refused as out of order.
-- A record is settled at most once: the unique index is what refuses a second replay, even two racing operators'.
create table dead_letter_action (
    id                    bigint generated always as identity primary key,
    action                varchar(16)  not null check (action in ('REPLAYED', 'DISCARDED')),
    dead_letter_topic     varchar(249) not null,
    dead_letter_partition integer      not null,
    dead_letter_offset    bigint       not null,
    original_topic        varchar(249) not null,
    event_id              varchar(200),
    event_type            varchar(200),
    record_key            varchar(1000),
    replay_attempt        integer,
    actor                 varchar(200) not null,
    reason                varchar(500),
    acted_at              timestamptz  not null
);

create unique index dead_letter_action_record_uq
    on dead_letter_action (dead_letter_topic, dead_letter_partition, dead_letter_offset);

create index dead_letter_action_acted_at_idx on dead_letter_action (acted_at desc, id desc);
