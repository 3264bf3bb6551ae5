-- The processed-event inbox of dev.eventmart.support.messaging.ProcessedEvents, in every service's own schema.
-- Versioned 0.1 so it runs before each service's own V1.
create table processed_event (
    event_id     uuid        not null,
    handler      varchar(100) not null,
    processed_at timestamptz not null,
    primary key (event_id, handler)
);
