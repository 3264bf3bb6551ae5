-- Orders that ended without a sale (cancelled or expired), as payment-service heard of them. A cancellation can
-- arrive before the payment request of its order (different topics); the marker makes that late request a no-op,
-- so an order that already ended is never charged.
create table cancelled_order (
    order_id      uuid        primary key,
    outcome       varchar(20) not null check (outcome in ('CANCELLED', 'EXPIRED')),
    recorded_at   timestamptz not null
);
