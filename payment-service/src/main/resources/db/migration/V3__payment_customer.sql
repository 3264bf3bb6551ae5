-- Whose payment it is, from the PaymentRequested event, so a customer sees only their own payments. Payments taken
-- before this have none and are visible to staff only.
alter table payment add column customer_id varchar(100);
