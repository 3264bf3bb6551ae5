-- One reservation per order, whatever happened to it: the row is what makes every stock handler idempotent per
-- order and tolerant of reordered events (a cancellation that arrives first leaves a CANCELLED_BEFORE_PLACED
-- marker, so the late placed order finds the row and changes nothing).
create table reservation (
    order_id    uuid        primary key,
    status      varchar(30) not null
        check (status in ('RESERVED', 'REJECTED', 'RELEASED', 'SOLD', 'CANCELLED_BEFORE_PLACED')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- The units a reservation holds, one row per product (an order's duplicate lines are merged). Only reservations
-- that got their stock have lines; a rejected order's shortages travel in its StockRejected event.
create table reservation_line (
    order_id    uuid        not null references reservation (order_id),
    product_id  varchar(40) not null references product (product_id),
    quantity    integer     not null check (quantity > 0),
    primary key (order_id, product_id)
);
