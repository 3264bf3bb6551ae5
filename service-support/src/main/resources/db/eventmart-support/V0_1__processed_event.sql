-- The processed-event inbox of dev.eventmart.support.messaging.ProcessedEvents, in every service's own schema.
-- Shared migrations are versioned 0.x, below every service migration; out-of-order lets a later 0.x apply too.
create table processed_event (
    event_id     uuid        not null,
    handler      varchar(100) not null,
    processed_at timestamptz not null,
    primary key (event_id, handler)
);
