-- Optimistic locking for payments, the entity style of every service (a @Version that is null until first stored
-- also tells Spring Data a new payment from a stored one). Existing payments start at 0.
alter table payment add column version bigint not null default 0;
