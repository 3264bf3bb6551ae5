-- Failed attempts at publishing each outbox event (OutboxRelay): an event Kafka does not take while it takes the
-- others of its batch is parked after eventmart.outbox.max-attempts of them, so it cannot hold up the outbox. A
-- constant default: PostgreSQL adds the column without rewriting the table.
alter table outbox_event add column attempts integer not null default 0;
