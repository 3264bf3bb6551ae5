-- Outbox events Kafka can never accept (larger than the broker takes, an invalid topic name): OutboxRelay moves
-- them here with the error instead of retrying them forever, so one bad row cannot hold up the rest of the outbox.
-- An operator fixes the cause and moves a row back into outbox_event to publish it.
create table outbox_parked (
    id              bigint       primary key,
    event_id        uuid         not null unique,
    topic           varchar(200) not null,
    event_key       varchar(200),
    event_type      varchar(200) not null,
    schema_version  integer      not null,
    source          varchar(100) not null,
    correlation_id  varchar(200),
    occurred_at     timestamptz  not null,
    payload         bytea        not null,
    error           text         not null,
    parked_at       timestamptz  not null
);
