-- Every service's inbox now records an event under the id of the listener that handled it. order-service marked
-- each kind of saga reply under a name of its own; those marks are moved to the listener's id, so a redelivery of
-- a reply processed before this change is still recognised. Event ids are unique, so no two rows collide.
update processed_event set handler = 'order-service.saga-replies'
where handler in ('order-service.stock-reserved', 'order-service.stock-rejected',
                  'order-service.payment-authorized', 'order-service.payment-declined');
