-- The W3C trace context an outbox event was stored in (traceparent, then a space and the tracestate if any;
-- dev.eventmart.support.messaging.TraceContexts): OutboxRelay publishes the event with it as the parent, so the trace
-- of the transaction that wrote the event goes on through the relay, after a restart too. Written by the same insert
-- as the rest of the row. Null for an event stored with no trace (and for rows older than this column). Kept by
-- outbox_parked, so an event an operator moves back still continues its trace.
alter table outbox_event add column trace_context text;
alter table outbox_parked add column trace_context text;
