-- Every service's inbox now records an event under the id of the listener that handled it. payment-service marked
-- cancellations and expiries under names of their own; those marks are moved to the listener's id, so a redelivery
-- of an event processed before this change is still recognised. Event ids are unique, so no two rows collide.
update processed_event set handler = 'payment-service.order-ended'
where handler in ('payment-service.order-cancelled', 'payment-service.order-expired');
