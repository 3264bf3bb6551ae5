-- Orders and their journey. "order" is an SQL keyword, hence customer_order.
create table customer_order (
    order_id         uuid           primary key,
    customer_id      varchar(100)   not null,
    customer_email   varchar(320)   not null,
    currency         varchar(3)     not null,
    total            numeric(12, 2) not null check (total >= 0),
    payment_token    varchar(100)   not null,
    street           varchar(200)   not null,
    city             varchar(100)   not null,
    state            varchar(100),
    zip_code         varchar(20)    not null,
    country          varchar(60)    not null,
    status           varchar(20)    not null
        check (status in ('PENDING', 'RESERVED', 'CONFIRMED', 'CANCELLED', 'EXPIRED')),
    reason           varchar(30)
        check (reason in ('OUT_OF_STOCK', 'PAYMENT_DECLINED', 'CUSTOMER_REQUEST', 'TIMEOUT')),
    idempotency_key  varchar(100)   unique,
    created_at       timestamptz    not null,
    updated_at       timestamptz    not null,
    version          bigint         not null
);

create index customer_order_customer_idx on customer_order (customer_id, created_at desc);
-- The expiry job's scan: only orders still in flight.
create index customer_order_in_flight_idx on customer_order (created_at) where status in ('PENDING', 'RESERVED');

create table order_line (
    order_id    uuid           not null references customer_order on delete cascade,
    line_no     integer        not null,
    product_id  varchar(40)    not null,
    sku         varchar(40)    not null,
    name        varchar(200)   not null,
    quantity    integer        not null check (quantity > 0),
    unit_price  numeric(12, 2) not null,
    line_total  numeric(12, 2) not null,
    primary key (order_id, line_no)
);

create table order_status_change (
    order_id    uuid        not null references customer_order on delete cascade,
    seq         integer     not null,
    status      varchar(20) not null,
    reason      varchar(30),
    changed_at  timestamptz not null,
    primary key (order_id, seq)
);
