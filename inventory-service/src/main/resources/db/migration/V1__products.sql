-- Products and their stock. Invariant: initial stock = available + reserved + sold, none below zero.
create table product (
    product_id  varchar(40)    primary key,
    sku         varchar(40)    not null unique,
    name        varchar(200)   not null,
    category    varchar(60)    not null,
    price       numeric(12, 2) not null check (price >= 0),
    currency    varchar(3)     not null,
    available   integer        not null check (available >= 0),
    reserved    integer        not null default 0 check (reserved >= 0),
    sold        integer        not null default 0 check (sold >= 0),
    active      boolean        not null default true,
    version     bigint         not null default 0,
    updated_at  timestamptz    not null default now()
);
