-- Every service's inbox now records an event under the id of the listener that handled it. inventory-service marked
-- events under the step they caused (reserve, sell, release); those marks are moved to the listener's id, so a
-- redelivery of an event processed before this change is still recognised. Event ids are unique, so no two rows
-- collide.
update processed_event set handler = 'inventory-service.order-events'
where handler in ('inventory.reserve', 'inventory.sell', 'inventory.release');
