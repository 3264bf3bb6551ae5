-- The transactional outbox of dev.eventmart.support.outbox.Outbox: events stored in the same transaction as the
-- state change that caused them, published by OutboxRelay after commit and deleted once Kafka acknowledged them.
create table outbox_event (
    id              bigserial    primary key,
    event_id        uuid         not null unique,
    topic           varchar(200) not null,
    event_key       varchar(200),
    event_type      varchar(200) not null,
    schema_version  integer      not null,
    source          varchar(100) not null,
    correlation_id  varchar(200),
    occurred_at     timestamptz  not null,
    payload         bytea        not null
);
