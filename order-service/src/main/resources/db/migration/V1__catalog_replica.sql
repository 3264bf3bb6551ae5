-- order-service's copy of the catalog, fed by inventory.product.snapshot. Orders are priced from here, never
-- from the client. A row only moves forward in version.
create table catalog_product (
    product_id  varchar(40)    primary key,
    sku         varchar(40)    not null,
    name        varchar(200)   not null,
    category    varchar(60)    not null,
    price       numeric(12, 2) not null,
    currency    varchar(3)     not null,
    active      boolean        not null,
    version     bigint         not null,
    updated_at  timestamptz    not null
);
