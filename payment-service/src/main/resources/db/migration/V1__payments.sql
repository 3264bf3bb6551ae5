-- One payment per order, ever: the unique order_id is what rules out a double charge on redelivery.
create table payment (
    payment_id  uuid           primary key,
    order_id    uuid           not null unique,
    amount      numeric(12, 2) not null check (amount >= 0),
    currency    varchar(3)     not null,
    status      varchar(20)    not null check (status in ('AUTHORIZED', 'DECLINED', 'REFUNDED')),
    reason      varchar(100),
    created_at  timestamptz    not null,
    updated_at  timestamptz    not null
);
