-- InboxRetention deletes the processed events older than its window, batch by batch, oldest first to go; without
-- this index every batch would scan the whole table. Built plainly, not CONCURRENTLY: Flyway runs a PostgreSQL
-- migration while holding a transaction-scoped lock, which a concurrent build would wait on forever. On a schema
-- whose inbox is already large, inserts into it wait for the build (seconds per million rows).
create index processed_event_processed_at on processed_event (processed_at);
