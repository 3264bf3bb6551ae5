-- Optimistic locking for notifications, the entity style of every service (a @Version that is null until first
-- stored also tells Spring Data a new notification from a stored one). Existing notifications start at 0. The
-- statement that marks a poll's notifications sent bumps it too, so an entity loaded before that mark cannot
-- overwrite it.
alter table notification add column version bigint not null default 0;
