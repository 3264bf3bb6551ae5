-- An idempotency key is the customer's, not the shop's: two customers may choose the same key and each get their own
-- order. The fingerprint of the request a key first came with tells a retry (same body: the first order) from a
-- mistake (another body under the same key: 422). Orders placed before this have none and answer any retry as before.
alter table customer_order drop constraint customer_order_idempotency_key_key;
alter table customer_order add constraint customer_order_customer_idempotency_key_key
    unique (customer_id, idempotency_key);
alter table customer_order add column request_fingerprint varchar(64);
