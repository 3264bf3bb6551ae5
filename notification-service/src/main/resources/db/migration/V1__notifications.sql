-- The audit trail of customer notifications. Exactly one per order and outcome: (order_id, type) is unique.
create table notification (
    notification_id uuid         primary key,
    order_id        uuid         not null,
    customer_id     varchar(100) not null,
    recipient       varchar(320) not null,
    type            varchar(30)  not null
        check (type in ('ORDER_RECEIVED', 'ORDER_CONFIRMED', 'ORDER_CANCELLED', 'ORDER_EXPIRED')),
    channel         varchar(20)  not null check (channel in ('EMAIL')),
    subject         varchar(300) not null,
    text_body       text         not null,
    html_body       text         not null,
    status          varchar(20)  not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer      not null default 0,
    last_error      text,
    created_at      timestamptz  not null,
    sent_at         timestamptz,
    unique (order_id, type)
);

create index notification_customer_idx on notification (customer_id, created_at desc);
