-- Room on every page for a notification's second version: marking it SENT (SentNotifications) changes no indexed
-- column, so with free space on its page the update is a heap-only tuple and none of the three indexes is touched.
alter table notification set (fillfactor = 80);
